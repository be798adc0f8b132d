import type Docker from 'dockerode';
import { DEFAULTS, type Environment } from '@/lib/config/config';
import { parseDockerEndpoint, type DockerEndpoint } from '@/lib/config/docker-endpoint';
import { createDockerClient } from '@/lib/docker/client';
import { translateDockerError } from '@/lib/docker/docker-errors';
import { AppError } from '@/lib/errors/app-error';
import { EngineEvents } from './engine-events';
import { LimitsCache } from './limits-cache';
import { hideSocketPaths } from '@/lib/docker/engine-address';

/**
 * The engines the console manages. A swarm-mode manager lists only its own containers, so each
 * host's engine is listed too: SHIPYARD_DOCKER (the manager), then the comma-separated
 * SHIPYARD_ENGINES, then the lab's SHIPYARD_LAB_DOCKERS; the same URL twice counts once.
 */
export function engineUrlsFrom(env: Environment): string[] {
  const urls = [env.SHIPYARD_DOCKER?.trim() || DEFAULTS.SHIPYARD_DOCKER];
  for (const list of [env.SHIPYARD_ENGINES, env.SHIPYARD_LAB_DOCKERS]) {
    for (const url of (list ?? '').split(',')) if (url.trim() !== '') urls.push(url.trim());
  }
  return [...new Set(urls)];
}

/** One configured engine: its clients, and who it is once it has answered once. */
export interface EngineHandle {
  url: string;
  endpoint: DockerEndpoint;
  /** For ordinary calls, with the 10 s timeout. */
  docker: Docker;
  /** For streams that stay open (followed logs): no timeout. */
  streaming: Docker;
  identity?: EngineIdentity;
  /** This engine's container event stream, one per process, shared by all that follow it. */
  events: EngineEvents;
  /** Container limits, kept fresh by this engine's event stream. */
  limits: LimitsCache;
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

/** The clients of one engine at `url`, with the TLS variables of `env` for tcp://. */
export function engineHandleFor(url: string, env: Environment): EngineHandle {
  const endpoint = parseDockerEndpoint(url, env);
  if (Array.isArray(endpoint)) throw new AppError('BAD_REQUEST', `Engine ${url}: ${endpoint.join('; ')}`);
  const streaming = createDockerClient(endpoint, { timeoutMs: 0 });
  const events = new EngineEvents(streaming);
  return { url, endpoint, docker: createDockerClient(endpoint), streaming, events, limits: new LimitsCache(events) };
}

export function engineHandlesFrom(env: Environment): EngineHandle[] {
  return engineUrlsFrom(env).map((url) => engineHandleFor(url, env));
}

/** Asks an engine who it is, once: a host's name and core count do not change while it runs. */
export async function identify(handle: EngineHandle): Promise<Engine> {
  if (!handle.identity) {
    try {
      const info = (await handle.docker.info()) as { Name?: string; NCPU?: number; MemTotal?: number };
      handle.identity = { host: info.Name ?? handle.url, cpus: info.NCPU ?? 0, memoryBytes: info.MemTotal ?? 0 };
    } catch (error) {
      throw translateDockerError(error, handle.url);
    }
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
  for (const handle of handles) handle.limits.stop();
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

/** The flat network's Docker name: SHIPYARD_FLAT_NETWORK, else the lab's network, else none (Docker's default bridge). */
export function flatNetworkFrom(env: Environment): string | null {
  return env.SHIPYARD_FLAT_NETWORK?.trim() || env.SHIPYARD_LAB_NETWORK?.trim() || null;
}
