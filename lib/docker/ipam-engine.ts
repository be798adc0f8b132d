// The Docker engine as the IPAM sidecar's CLI needs it (gc, ls, create-network, the plugin's
// server). Relative imports only: the sidecar is bundled on its own. Calls are bounded: a dead
// engine must not hang gc. dockerode is loaded on first use: it weighs about 24 MB, and the
// sidecar only needs it for gc.
import type Docker from 'dockerode';
import type { Engine } from '../ipam/engine';
import { EngineUnavailableError } from '../ipam/errors';
import { engineAt, hideSocketPaths } from './engine-address';
import { leanDockerode } from './dockerode-lean';
import { currentEngineRequestGate, systemCaller } from './engine-request';
import { flatNetworkOptions } from './flat-network-options';
import { gatedDocker } from './gated-modem';
import { configNetworkName, swarmFlatConfigOptions, swarmFlatNetworkOptions } from './swarm-flat-network';
import { toRunningContainers } from './running-containers';

const ENGINE_TIMEOUT_MS = 10_000;

export function dockerOptionsOf(url: string): Docker.DockerOptions {
  if (url.startsWith('unix://')) return { socketPath: url.slice('unix://'.length) };
  if (url.startsWith('/')) return { socketPath: url };
  const parsed = new URL(url.replace(/^tcp:/, 'http:'));
  return { host: parsed.hostname, port: parsed.port || 2375, protocol: parsed.protocol === 'https:' ? 'https' : 'http' };
}

let dockerode: Promise<typeof Docker> | undefined;
function loadDockerode(): Promise<typeof Docker> {
  leanDockerode();
  dockerode ??= import('dockerode').then((module) => module.default);
  return dockerode;
}

/** The engine at `url` for the sidecar; its requests pass the process's engine request gate as the sidecar. */
export function connectEngine(url: string): Engine {
  let client: Promise<Docker> | undefined;
  const docker = () =>
    (client ??= loadDockerode().then((Dockerode) =>
      gatedDocker(new Dockerode({ ...dockerOptionsOf(url), timeout: ENGINE_TIMEOUT_MS }), url, systemCaller('ipam-sidecar'), currentEngineRequestGate),
    ));
  const unavailable = (error: unknown) =>
    new EngineUnavailableError(
      `the Docker engine${engineAt(url)} did not answer (${hideSocketPaths(error instanceof Error ? error.message : String(error))}): ` +
        'check that it runs, or pass --docker with its address',
    );
  return {
    url,
    async runningContainers() {
      const containers = await (await docker()).listContainers().catch((error: unknown) => {
        throw unavailable(error);
      });
      return toRunningContainers(containers);
    },
    async containerMacs() {
      const client = await docker();
      const containers = await client.listContainers({ all: true }).catch((error: unknown) => {
        throw unavailable(error);
      });
      const macs = new Set(toRunningContainers(containers).flatMap((container) => container.macs));
      // A stopped container's endpoints are gone from the list: its created-with MAC is in its config.
      for (const container of containers.filter((entry) => entry.State !== 'running')) {
        const inspected = await client
          .getContainer(container.Id)
          .inspect()
          .catch(() => undefined);
        const mac = (inspected?.Config as { MacAddress?: string } | undefined)?.MacAddress;
        if (mac) macs.add(mac.toLowerCase());
      }
      return macs;
    },
    onContainerDestroyed(listener) {
      let stopped = false;
      let stream: { destroy(): void } | undefined;
      const follow = () => {
        if (stopped) return;
        docker()
          .then((client) => client.getEvents({ filters: { type: ['container'], event: ['destroy'] } }))
          .then((events) => {
            stream = events as { destroy(): void } & NodeJS.ReadableStream;
            if (stopped) return stream.destroy();
            events.on('data', () => listener());
            events.on('error', () => undefined);
            events.on('close', () => setTimeout(follow, 1000).unref());
          })
          .catch(() => setTimeout(follow, 1000).unref());
      };
      follow();
      return () => {
        stopped = true;
        stream?.destroy();
      };
    },
    async createFlatNetwork(spec) {
      const network = await (await docker()).createNetwork(flatNetworkOptions(spec));
      return network.id;
    },
    async createSwarmFlatConfig(spec) {
      const client = await docker();
      const name = configNetworkName(spec.name);
      // The name filter matches substrings: only an exact name is this network.
      const existing = (await client.listNetworks({ filters: { name: [name] } })).find((network) => network.Name === name);
      return existing?.Id ?? (await client.createNetwork(swarmFlatConfigOptions(spec))).id;
    },
    async createSwarmFlatNetwork(spec) {
      const client = await docker();
      const info = (await client.info()) as { Swarm?: { ControlAvailable?: boolean } };
      if (info.Swarm?.ControlAvailable !== true) return undefined;
      const existing = (await client.listNetworks({ filters: { name: [spec.name] } })).find((network) => network.Name === spec.name && network.Scope === 'swarm');
      return existing?.Id ?? (await client.createNetwork(swarmFlatNetworkOptions(spec))).id;
    },
  };
}
