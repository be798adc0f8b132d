// Which engines a flat network goes to: "all" of the configured ones, or the one named by URL or host.
import { identify, type EngineHandle } from '@/lib/engines/engines';
import type { EngineCaller } from '@/lib/docker/engine-request';
import { ValidationError } from '@/lib/errors/app-error';
import type { NetworkTarget } from './flat-everywhere';

/**
 * Each handle with its host name and its client acting for `caller`; one that does not answer
 * keeps its URL as name (its create then fails in words).
 */
export async function namedTargets(handles: readonly EngineHandle[], caller: EngineCaller): Promise<NetworkTarget[]> {
  return Promise.all(
    handles.map(async (handle) => {
      const host = await identify(handle).then(
        (engine) => engine.identity.host,
        () => handle.url,
      );
      return { host, url: handle.url, docker: handle.client.as(caller) };
    }),
  );
}

export async function resolveTargets(handles: readonly EngineHandle[], target: string, caller: EngineCaller): Promise<NetworkTarget[]> {
  const targets = await namedTargets(handles, caller);
  if (target === 'all') return targets;
  const chosen = targets.filter((candidate) => candidate.url === target || candidate.host === target).slice(0, 1);
  if (chosen.length === 0) {
    const message = `${target} is not one of the console's engines (${targets.map((candidate) => candidate.host).join(', ')}): choose one of them, or all`;
    throw new ValidationError(`target: ${message}`, [{ path: 'target', message }]);
  }
  return chosen;
}
