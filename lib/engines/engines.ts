import type { Environment } from '@/lib/config/config';
import { parseDockerEndpoint, type DockerEndpoint } from '@/lib/config/docker-endpoint';
import { engineUrlsFrom } from '@/lib/config/engine-list';
import { EngineClient } from '@/lib/docker/engine-client';
import { systemCaller } from '@/lib/docker/engine-request';
import { AppError } from '@/lib/errors/app-error';
import type { ContainerSummary } from '@/lib/containers/container-summary';
import { ContainerInventory } from './container-inventory';
import { EngineEvents } from './engine-events';
import { LimitsCache } from './limits-cache';
import { hideSocketPaths } from '@/lib/docker/engine-address';

/** One configured engine: its clients, and who it is once it has answered once. */
export interface EngineHandle {
  url: string;
  endpoint: DockerEndpoint;
  /** The engine's client, acting for the console itself: a user's action goes through client.as(caller). */
  client: EngineClient;
  identity?: EngineIdentity;
  /** This engine's container event stream, one per process, shared by all that follow it. */
  events: EngineEvents;
  /** Container limits, kept fresh by this engine's event stream. */
  limits: LimitsCache;
  /** The containers list, kept while the event stream says nothing changed (container-inventory.ts). */
  inventory: ContainerInventory<ContainerSummary>;
}

export interface EngineIdentity {
  /** The engine's host name (Docker's info.Name): what the console calls the host. */
  host: string;
  cpus: number;
  memoryBytes: number;
}

/** An engine that answered: its handle with its identity. */
export type Engine = EngineHandle & { identity: EngineIdentity };

/** What the console tells about an engine, never its clients. */
export interface EngineInfo {
  host: string;
  url: string;
  cpus: number;
  memoryBytes: number;
  /** Plain TCP without TLS: anyone on the path can drive this engine. */
  unsafe: boolean;
}

export interface EngineProblem {
  url: string;
  message: string;
}

/** The handle of one engine: its client, its shared event stream and the limits it keeps fresh. */
export function engineHandleOf(endpoint: DockerEndpoint): EngineHandle {
  const client = EngineClient.connect(endpoint, { caller: systemCaller('engines') });
  const events = new EngineEvents(client.as(systemCaller('engine-events')));
  const inventory = new ContainerInventory<ContainerSummary>(events, (listener) => client.onContainerWrite(listener));
  return { url: endpoint.url, endpoint, client, events, limits: new LimitsCache(events), inventory };
}

/** The handle of the engine at `url`, with the TLS variables of `env` for tcp:// (discovered engines, tests). */
export function engineHandleFor(url: string, env: Environment): EngineHandle {
  const endpoint = parseDockerEndpoint(url, env);
  if (Array.isArray(endpoint)) throw new AppError('BAD_REQUEST', `Engine ${url}: ${endpoint.join('; ')}`);
  return engineHandleOf(endpoint);
}

/** The handles of the engines an environment lists (tests; the console's come from its checked configuration). */
export function engineHandlesFrom(env: Environment): EngineHandle[] {
  return engineUrlsFrom(env).map((url) => engineHandleFor(url, env));
}

/** Asks an engine who it is, once: a host's name and core count do not change while it runs. */
export async function identify(handle: EngineHandle): Promise<Engine> {
  if (!handle.identity) {
    const info = await handle.client.info();
    handle.identity = { host: info.Name ?? handle.url, cpus: info.NCPU ?? 0, memoryBytes: info.MemTotal ?? 0 };
  }
  return handle as Engine;
}

/** Every engine that answers, and what went wrong with the others (a host down is not a failed page). */
export async function reachableEngines(handles: EngineHandle[]): Promise<{ engines: Engine[]; unreachable: EngineProblem[] }> {
  const results = await Promise.allSettled(handles.map(identify));
  const engines: Engine[] = [];
  const unreachable: EngineProblem[] = [];
  results.forEach((result, index) => {
    if (result.status === 'fulfilled') engines.push(result.value);
    else unreachable.push({ url: handles[index]?.url ?? '?', message: hideSocketPaths(result.reason instanceof Error ? result.reason.message : String(result.reason)) });
  });
  return { engines, unreachable };
}

/** Closes the engines' event streams (tests; a process that exits need not). */
export function stopEngines(handles: EngineHandle[]): void {
  for (const handle of handles) {
    handle.inventory.stop();
    handle.limits.stop();
  }
}

export function toEngineInfo(engine: Engine): EngineInfo {
  return {
    host: engine.identity.host,
    url: engine.url,
    cpus: engine.identity.cpus,
    memoryBytes: engine.identity.memoryBytes,
    unsafe: engine.endpoint.kind === 'tcp' && engine.endpoint.tls === null,
  };
}
