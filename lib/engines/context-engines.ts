import type { EngineClient } from '@/lib/docker/engine-client';
import { AppError } from '@/lib/errors/app-error';
import type { ContainerContext } from './context';
import { identify, reachableEngines, type Engine, type EngineHandle, type EngineProblem } from './engines';

interface Handles {
  handles: EngineHandle[];
  /** Discovered engines' node names, by URL. */
  nodes: ReadonlyMap<string, string>;
  problems: EngineProblem[];
}

/** The engine's client acting for the context's caller (the console itself when it has none). */
export function clientOf(context: ContainerContext, engine: EngineHandle): EngineClient {
  return context.caller ? engine.client.as(context.caller) : engine.client;
}

/** The configured engines, then the discovered ones not already configured; and what discovery could not use. */
export async function engineHandlesOf(context: ContainerContext): Promise<Handles> {
  if (!context.discovery) return { handles: context.handles, nodes: new Map(), problems: [] };
  const discovered = await context.discovery.handles();
  const configured = new Set(context.handles.map((handle) => handle.url));
  return {
    handles: [...context.handles, ...discovered.handles.filter((handle) => !configured.has(handle.url))],
    nodes: discovered.nodes,
    problems: discovered.problems,
  };
}

/** The low-level reason (ECONNREFUSED, a TLS failure…) rather than advice about SHIPYARD_DOCKER. */
function reasonOf(error: unknown): string {
  const cause: unknown = error instanceof AppError ? error.cause : error;
  if (typeof cause === 'object' && cause !== null) {
    const { code, message } = cause as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && typeof message === 'string') return message.includes(code) ? message : `${message} (${code})`;
    if (typeof message === 'string') return message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Every engine of the context that answers. The others are problems shown as down with their
 * reason: a discovered node's engine names its node, and a host down is never a failed page.
 */
export async function reachableEnginesOf(context: ContainerContext): Promise<{ engines: Engine[]; unreachable: EngineProblem[] }> {
  const { handles, nodes, problems } = await engineHandlesOf(context);
  const configured = handles.filter((handle) => !nodes.has(handle.url));
  const discovered = handles.filter((handle) => nodes.has(handle.url));
  const [own, found] = await Promise.all([reachableEngines(configured), Promise.allSettled(discovered.map(identify))]);
  const engines = [...own.engines];
  const unreachable = [...own.unreachable];
  found.forEach((result, index) => {
    const url = discovered[index]?.url ?? '?';
    if (result.status === 'fulfilled') engines.push(result.value);
    else unreachable.push({ url, message: `Engine ${url} on swarm node ${nodes.get(url) ?? '?'} is down: ${reasonOf(result.reason)}` });
  });
  return { engines, unreachable: [...unreachable, ...problems] };
}
