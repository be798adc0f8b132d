// The one Docker boundary: a client per engine. Every request to the engine goes through one of
// its methods, is shown to the request gate with its caller before it is sent (gated-modem.ts),
// is bounded by the 10 s timeout (streams excepted) and fails as an AppError in words.
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import type { DockerEndpoint } from '@/lib/config/docker-endpoint';
import { createDockerClient } from './client';
import { type ContainerInspect, readContainerInspect } from './container-inspect';
import { translateDockerError } from './docker-errors';
import { hideSocketPaths } from './engine-address';
import { type EngineCaller, type EngineRequest, type EngineRequestGate, currentEngineRequestGate, systemCaller, userCaller } from './engine-request';
import type {
  ContainerCreateOptions,
  ContainerListEntry,
  ContainerStatsJson,
  ContainerTopJson,
  ContainerUpdateBody,
  DockerByteStream,
  EngineInfoJson,
  EngineVersionJson,
  ExecCreateOptions,
  ExecInspect,
  ImageHistoryJson,
  ImageInspect,
  ImageListEntry,
  ImageRemovedJson,
  ListFilters,
  LogOptions,
  NetworkConnectOptions,
  NetworkCreateOptions,
  NetworkInspect,
  NetworkListEntry,
  PullProgressJson,
  RegistryLogin,
  ServiceSpec,
  SwarmJson,
  SwarmNodeJson,
  SwarmNodeSpec,
  SwarmServiceJson,
  SwarmTaskJson,
  VolumeInspect,
} from './engine-shapes';
import type { SwarmObjectJson, SwarmObjectKind, SwarmObjectSpec, VolumeCreateBody, VolumeListJson, VolumePruneJson } from './volume-secret-shapes';
import { AppError } from '@/lib/errors/app-error';
import { gatedDocker } from './gated-modem';
import { type RunningContainer, toRunningContainers } from './running-containers';

/** The engine's two dockerode clients, shared by every view of the client (one set of sockets). */
interface EngineConnection {
  readonly url: string;
  readonly endpoint: DockerEndpoint;
  /** Ordinary calls, with the 10 s timeout. */
  readonly docker: Docker;
  /** Streams that stay open (events, followed logs, stats, exec, pulls, stop): no timeout. */
  readonly streaming: Docker;
  /** A gate for this engine only; else the process's (setEngineRequestGate). */
  readonly gate: (() => EngineRequestGate) | undefined;
  /** Who wants to hear of this engine's containers changed through any view of this client. */
  readonly containerWriteListeners: Set<() => void>;
}

const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * Whether an answered request may have changed what the engine's container list shows: a write
 * to a container (create, start, remove, rename, update…), to a network's members, or an exec
 * (which may run anything): not reads, images or swarm objects.
 */
export function changesContainerList(request: Pick<EngineRequest, 'method' | 'path'>): boolean {
  if (READ_METHODS.has(request.method.toUpperCase())) return false;
  const route = request.path.split('?')[0]?.replace(/^\/v\d+\.\d+/, '') ?? '';
  return /^\/(containers|exec)\//.test(route) || /^\/networks\/[^/]+\/(connect|disconnect)$/.test(route);
}

export interface EngineClientOptions {
  /** Who the client acts for until `as()` says otherwise; the console's own work by default. */
  caller?: EngineCaller;
  /** A gate for this client only (tests); by default the one setEngineRequestGate plugs in. */
  gate?: EngineRequestGate;
}

/**
 * What an engine client's call threw, typed: the client turns every failure into an AppError
 * (Docker's in words, the gate's refusal as it is), so anything else is a bug of ours.
 */
export function asEngineError(error: unknown): AppError {
  return error instanceof AppError ? error : new AppError('INTERNAL', hideSocketPaths(error instanceof Error ? error.message : String(error)), { cause: error });
}

/** What a hijacked POST adds to dial's options (exec start). */
type PostOptions = { readonly isStream?: boolean; readonly hijack?: boolean; readonly openStdin?: boolean; readonly allowEmpty?: boolean };

export type LifecycleCall = 'start' | 'stop' | 'restart' | 'kill' | 'pause' | 'unpause' | 'rename';

export class EngineClient {
  private readonly docker: Docker;
  private readonly streaming: Docker;

  private constructor(
    private readonly connection: EngineConnection,
    /** Who this view of the client acts for: the gate sees it with every request. */
    readonly caller: EngineCaller,
  ) {
    const gate = connection.gate ?? currentEngineRequestGate;
    const onAnswered = (request: EngineRequest) => {
      if (connection.containerWriteListeners.size > 0 && changesContainerList(request)) for (const listener of connection.containerWriteListeners) listener();
    };
    this.docker = gatedDocker(connection.docker, connection.url, caller, gate, onAnswered);
    this.streaming = gatedDocker(connection.streaming, connection.url, caller, gate, onAnswered);
  }

  /** A client for the engine at `endpoint` (its URL names it in errors and to the gate). */
  static connect(endpoint: DockerEndpoint, options: EngineClientOptions = {}): EngineClient {
    const gate = options.gate;
    const connection: EngineConnection = {
      url: endpoint.url,
      endpoint,
      docker: createDockerClient(endpoint),
      streaming: createDockerClient(endpoint, { timeoutMs: 0 }),
      gate: gate ? () => gate : undefined,
      containerWriteListeners: new Set(),
    };
    return new EngineClient(connection, options.caller ?? systemCaller('console'));
  }

  get url(): string {
    return this.connection.url;
  }

  get endpoint(): DockerEndpoint {
    return this.connection.endpoint;
  }

  /**
   * Calls `listener` after every request through this engine's client (any caller's view) that
   * may have changed its containers list, once the engine answered and before the caller hears
   * it: a cache of the list drops what it knows, so the caller's next read sees its own change.
   * Returns how to stop.
   */
  onContainerWrite(listener: () => void): () => void {
    this.connection.containerWriteListeners.add(listener);
    return () => this.connection.containerWriteListeners.delete(listener);
  }

  /** The same engine and sockets, acting for `caller` (a user's name and role, or the console's work). */
  as(caller: EngineCaller): EngineClient {
    return new EngineClient(this.connection, 'system' in caller ? systemCaller(caller.system) : userCaller(caller));
  }

  /**
   * A POST whose JSON body is `body` and whose query is `query` alone, through the gated modem.
   * dockerode's create calls copy every body field into the query string too, which the engine
   * ignores and the policy (default deny on query parameters) refuses.
   */
  private post<T>(client: Docker, path: string, query: Readonly<Record<string, string>>, body: unknown, options: PostOptions = {}): Promise<T> {
    const hasQuery = Object.keys(query).length > 0;
    return new Promise((resolve, reject) => {
      client.modem.dial(
        { path: hasQuery ? `${path}?` : path, method: 'POST', options: { _query: query, _body: body }, statusCodes: { 200: true, 201: true, 204: true }, ...options },
        (error: unknown, data: unknown) => (error ? reject(error) : resolve(data as T)),
      );
    });
  }

  /** Runs one dockerode call; whatever it throws comes out as an AppError naming this engine. */
  private async call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw translateDockerError(error, this.url);
    }
  }

  // The engine

  ping(): Promise<unknown> {
    return this.call(() => this.docker.ping());
  }

  info(): Promise<EngineInfoJson> {
    return this.call(() => this.docker.info() as Promise<EngineInfoJson>);
  }

  version(): Promise<EngineVersionJson> {
    return this.call(() => this.docker.version());
  }

  /** The engine's container events, newline-delimited JSON, until destroyed (no timeout). */
  containerEvents(): Promise<DockerByteStream> {
    return this.call(async () => (await this.streaming.getEvents({ filters: { type: ['container'] } })) as DockerByteStream);
  }

  // Containers

  listContainers(options: { all?: boolean; filters?: ListFilters } = {}): Promise<ContainerListEntry[]> {
    return this.call(() => this.docker.listContainers(options));
  }

  /** The running containers with the MACs of their endpoints: who holds which flat-network address. */
  async runningContainers(): Promise<RunningContainer[]> {
    return toRunningContainers(await this.listContainers());
  }

  inspectContainer(id: string): Promise<ContainerInspect> {
    return this.call(() => readContainerInspect(this.docker.getContainer(id)));
  }

  createContainer(options: ContainerCreateOptions): Promise<{ id: string }> {
    const { name, ...body } = options;
    return this.call(async () => ({ id: (await this.post<{ Id: string }>(this.docker, '/containers/create', name ? { name } : {}, body)).Id }));
  }

  /**
   * start, stop, restart, kill, pause, unpause or rename. stop and restart wait up to their
   * timeout (10 s by default) for the process to exit, longer than the client's own 10 s: they
   * go through the client without one.
   */
  containerAction(id: string, action: LifecycleCall, options: { t?: number; signal?: string; name?: string } = {}): Promise<void> {
    const container = (action === 'stop' || action === 'restart' ? this.streaming : this.docker).getContainer(id);
    return this.call(async () => {
      if (action === 'start') await container.start();
      else if (action === 'stop') await container.stop(options.t !== undefined ? { t: options.t } : {});
      else if (action === 'restart') await container.restart(options.t !== undefined ? { t: options.t } : {});
      else if (action === 'kill') await container.kill({ signal: options.signal });
      else if (action === 'pause') await container.pause();
      else if (action === 'unpause') await container.unpause();
      else await container.rename({ name: options.name });
    });
  }

  removeContainer(id: string, options: { force?: boolean; volumes?: boolean } = {}): Promise<void> {
    return this.call(async () => {
      await this.docker.getContainer(id).remove({ force: options.force, v: options.volumes });
    });
  }

  updateContainer(id: string, body: ContainerUpdateBody): Promise<void> {
    return this.call(async () => {
      await this.docker.getContainer(id).update(body);
    });
  }

  containerTop(id: string): Promise<ContainerTopJson> {
    return this.call(() => this.docker.getContainer(id).top() as Promise<ContainerTopJson>);
  }

  /** One stats reading. */
  containerStats(id: string): Promise<ContainerStatsJson> {
    return this.call(() => this.docker.getContainer(id).stats({ stream: false }) as Promise<ContainerStatsJson>);
  }

  /** Stats as newline-delimited JSON, a reading a second, until destroyed (no timeout). */
  followContainerStats(id: string): Promise<DockerByteStream> {
    return this.call(async () => (await this.streaming.getContainer(id).stats({ stream: true })) as DockerByteStream);
  }

  /** The logs so far, as Docker sends them (multiplexed unless the container has a TTY: see log-demux.ts). */
  containerLogs(id: string, options: LogOptions): Promise<Buffer> {
    return this.call(() => this.docker.getContainer(id).logs({ ...options, follow: false }));
  }

  /** The logs followed until destroyed (no timeout). */
  followContainerLogs(id: string, options: LogOptions): Promise<DockerByteStream> {
    return this.call(async () => (await this.streaming.getContainer(id).logs({ ...options, follow: true })) as DockerByteStream);
  }

  // Exec

  createExec(containerId: string, options: ExecCreateOptions): Promise<{ id: string }> {
    return this.call(async () => ({ id: (await this.docker.getContainer(containerId).exec(options)).id }));
  }

  /** Starts an exec with a TTY and stdin on a taken-over connection (no timeout: a console may stay idle). */
  startExecAttached(execId: string): Promise<Duplex> {
    // The body is the engine's ExecStartConfig alone (dockerode's start would send its hijack and stdin switches in it too).
    return this.call(() =>
      this.post<Duplex>(this.streaming, `/exec/${encodeURIComponent(execId)}/start`, {}, { Detach: false, Tty: true }, { isStream: true, hijack: true, openStdin: true, allowEmpty: true }),
    );
  }

  startExecDetached(execId: string): Promise<void> {
    return this.call(async () => {
      await this.docker.getExec(execId).start({ Detach: true });
    });
  }

  resizeExec(execId: string, size: { rows: number; cols: number }): Promise<void> {
    return this.call(async () => {
      await this.docker.getExec(execId).resize({ h: size.rows, w: size.cols });
    });
  }

  inspectExec(execId: string): Promise<ExecInspect> {
    return this.call(() => this.docker.getExec(execId).inspect());
  }

  // Volumes

  /** The volume, or null when there is none of that name. */
  inspectVolume(name: string): Promise<VolumeInspect | null> {
    return this.call(() =>
      this.docker
        .getVolume(name)
        .inspect()
        .catch((error: unknown) => {
          if ((error as { statusCode?: unknown }).statusCode === 404) return null;
          throw error;
        }),
    );
  }

  listVolumes(filters: ListFilters = {}): Promise<VolumeListJson> {
    return this.call(() => this.docker.listVolumes(Object.keys(filters).length > 0 ? { filters: JSON.stringify(filters) } : {}) as Promise<VolumeListJson>);
  }

  createVolume(body: VolumeCreateBody): Promise<VolumeInspect> {
    return this.call(() => this.post<VolumeInspect>(this.docker, '/volumes/create', {}, body));
  }

  removeVolume(name: string, options: { force?: boolean } = {}): Promise<void> {
    return this.call(async () => {
      await this.docker.getVolume(name).remove(options.force ? { force: true } : {});
    });
  }

  /** Removes the unused volumes the filters match (API 1.41: named ones too), answering what went and the space freed. */
  pruneVolumes(filters: ListFilters): Promise<VolumePruneJson> {
    return this.call(() => this.post<VolumePruneJson>(this.docker, '/volumes/prune', { filters: JSON.stringify(filters) }, {}));
  }

  // Swarm secrets and configs (the manager's)

  listSwarmObjects(kind: SwarmObjectKind, filters: ListFilters = {}): Promise<SwarmObjectJson[]> {
    const options = Object.keys(filters).length > 0 ? { filters: JSON.stringify(filters) } : {};
    return this.call(() => (kind === 'secrets' ? this.docker.listSecrets(options) : this.docker.listConfigs(options)) as Promise<SwarmObjectJson[]>);
  }

  /** The spec's Data is base64; the engine never answers with a secret's. */
  createSwarmObject(kind: SwarmObjectKind, spec: SwarmObjectSpec): Promise<{ id: string }> {
    return this.call(async () => ({ id: (await this.post<{ ID: string }>(this.docker, `/${kind}/create`, {}, spec)).ID }));
  }

  inspectSwarmObject(kind: SwarmObjectKind, idOrName: string): Promise<SwarmObjectJson> {
    return this.call(() => (kind === 'secrets' ? this.docker.getSecret(idOrName).inspect() : this.docker.getConfig(idOrName).inspect()) as Promise<SwarmObjectJson>);
  }

  removeSwarmObject(kind: SwarmObjectKind, idOrName: string): Promise<void> {
    return this.call(async () => {
      await (kind === 'secrets' ? this.docker.getSecret(idOrName).remove() : this.docker.getConfig(idOrName).remove());
    });
  }

  // Images

  listImages(): Promise<ImageListEntry[]> {
    return this.call(() => this.docker.listImages({ all: false }));
  }

  inspectImage(reference: string): Promise<ImageInspect> {
    return this.call(() => this.docker.getImage(reference).inspect());
  }

  imageHistory(reference: string): Promise<ImageHistoryJson[]> {
    return this.call(() => this.docker.getImage(reference).history() as Promise<ImageHistoryJson[]>);
  }

  removeImage(reference: string, options: { force: boolean }): Promise<ImageRemovedJson[]> {
    return this.call(() => this.docker.getImage(reference).remove({ force: options.force }) as Promise<ImageRemovedJson[]>);
  }

  tagImage(reference: string, target: { repo: string; tag: string }): Promise<void> {
    return this.call(async () => {
      await this.docker.getImage(reference).tag(target);
    });
  }

  /** Starts a pull; its progress stream runs as long as the layers take (no timeout). */
  pullImage(reference: string, login?: RegistryLogin): Promise<DockerByteStream> {
    return this.call(async () => (await this.streaming.pull(reference, login ? { authconfig: login } : {})) as DockerByteStream);
  }

  /** Reads a pull's progress stream to its end, message by message. */
  followPullProgress(stream: NodeJS.ReadableStream, onFinished: (error: Error | null) => void, onProgress: (message: PullProgressJson) => void): void {
    this.connection.streaming.modem.followProgress(stream, (error) => onFinished(error), onProgress);
  }

  // Networks

  listNetworks(): Promise<NetworkListEntry[]> {
    return this.call(() => this.docker.listNetworks());
  }

  inspectNetwork(idOrName: string): Promise<NetworkInspect> {
    return this.call(() => this.docker.getNetwork(idOrName).inspect());
  }

  createNetwork(options: NetworkCreateOptions): Promise<{ id: string }> {
    return this.call(async () => ({ id: (await this.post<{ Id: string }>(this.docker, '/networks/create', {}, options)).Id }));
  }

  connectNetwork(network: string, options: NetworkConnectOptions): Promise<void> {
    return this.call(async () => {
      await this.docker.getNetwork(network).connect(options);
    });
  }

  disconnectNetwork(network: string, options: { Container: string; Force?: boolean }): Promise<void> {
    return this.call(async () => {
      await this.docker.getNetwork(network).disconnect(options);
    });
  }

  removeNetwork(id: string): Promise<void> {
    return this.call(async () => {
      await this.docker.getNetwork(id).remove();
    });
  }

  /** The engine's managed plugins that offer an IPAM driver: name ("shipyard-ipam:latest") and whether enabled. */
  listIpamPlugins(): Promise<{ name: string; enabled: boolean }[]> {
    return this.call(async () => {
      const plugins = await this.docker.listPlugins({ filters: JSON.stringify({ capability: ['ipamdriver'] }) });
      return plugins.map((plugin) => ({ name: plugin.Name, enabled: plugin.Enabled }));
    });
  }

  // Swarm

  swarmInspect(): Promise<SwarmJson> {
    return this.call(() => this.docker.swarmInspect() as Promise<SwarmJson>);
  }

  swarmUpdate(query: Record<string, string | number | boolean>, spec: Record<string, unknown>): Promise<void> {
    return this.call(async () => {
      await this.docker.swarmUpdate({ _query: query, _body: spec });
    });
  }

  listNodes(filters?: ListFilters): Promise<SwarmNodeJson[]> {
    return this.call(() => this.docker.listNodes(filters ? { filters: JSON.stringify(filters) } : undefined) as Promise<SwarmNodeJson[]>);
  }

  inspectNode(id: string): Promise<SwarmNodeJson> {
    return this.call(() => this.docker.getNode(id).inspect() as Promise<SwarmNodeJson>);
  }

  updateNode(id: string, version: number, spec: SwarmNodeSpec): Promise<void> {
    return this.call(async () => {
      await this.docker.getNode(id).update({ _query: { version }, _body: spec });
    });
  }

  removeNode(id: string, options: { force: boolean }): Promise<void> {
    return this.call(async () => {
      await this.docker.getNode(id).remove({ force: options.force });
    });
  }

  listServices(): Promise<SwarmServiceJson[]> {
    return this.call(() => this.docker.listServices() as Promise<SwarmServiceJson[]>);
  }

  inspectService(idOrName: string): Promise<SwarmServiceJson> {
    return this.call(() => this.docker.getService(idOrName).inspect() as Promise<SwarmServiceJson>);
  }

  /** `login` goes as X-Registry-Auth and is kept in the service, so every node can pull (--with-registry-auth). */
  createService(spec: ServiceSpec, login?: RegistryLogin): Promise<{ id: string }> {
    return this.call(async () => ({ id: (login ? await this.docker.createService(login, spec) : await this.docker.createService(spec)).id }));
  }

  updateService(idOrName: string, query: { version: number; rollback?: 'previous' }, spec: ServiceSpec, login?: RegistryLogin): Promise<void> {
    return this.call(async () => {
      // dockerode sends `authconfig` as the X-Registry-Auth header, never in the body.
      await this.docker.getService(idOrName).update({ _query: query, _body: spec, ...(login ? { authconfig: login } : {}) });
    });
  }

  /** The registry's current manifest digest for a reference (GET /distribution/{name}/json). */
  distributionDigest(reference: string, login?: RegistryLogin): Promise<string> {
    return this.call(async () => {
      const answer = (await this.docker.getImage(reference).distribution(login ? { authconfig: login } : {})) as { Descriptor?: { digest?: string } };
      const digest = answer.Descriptor?.digest;
      if (!digest) throw new AppError('DOCKER_ERROR', `The registry gave no digest for ${reference}`);
      return digest;
    });
  }

  removeService(idOrName: string): Promise<void> {
    return this.call(async () => {
      await this.docker.getService(idOrName).remove();
    });
  }

  listTasks(filters: ListFilters): Promise<SwarmTaskJson[]> {
    return this.call(() => this.docker.listTasks({ filters: JSON.stringify(filters) }) as Promise<SwarmTaskJson[]>);
  }

  /** The last `tail` lines of every task, multiplexed (see log-demux.ts); not Buffer when the engine sent nothing. */
  serviceLogs(idOrName: string, tail: number): Promise<Buffer | null> {
    return this.call(async () => {
      const output: unknown = await this.docker.getService(idOrName).logs({ stdout: true, stderr: true, follow: false, tail, timestamps: true, details: true });
      return Buffer.isBuffer(output) ? output : null;
    });
  }

  /** Every task's output followed until destroyed (no timeout). */
  followServiceLogs(id: string, tail: number): Promise<DockerByteStream> {
    return this.call(async () => {
      const output: unknown = await this.streaming.getService(id).logs({ stdout: true, stderr: true, follow: true, tail, timestamps: true, details: true });
      return output as DockerByteStream;
    });
  }
}
