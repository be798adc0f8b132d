import type { ContainerInspect } from '@/lib/docker/container-inspect';
import { AppError, NotFoundError } from '@/lib/errors/app-error';
import type { ContainerContext } from './context';
import { clientOf, reachableEnginesOf } from './context-engines';
import { identify, type Engine } from './engines';

export interface Located {
  engine: Engine;
  inspect: ContainerInspect;
}

/** Container ids and names as Docker accepts them (no path tricks in the URL we build). */
const REFERENCE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;

export function assertReference(reference: string): void {
  if (!REFERENCE.test(reference)) throw new AppError('BAD_REQUEST', `"${reference}" is not a container id or name`);
}

/** The engine whose host name is `host`; a 422 naming the known hosts if none is. */
export async function engineForHost(context: ContainerContext, host: string | undefined): Promise<Engine> {
  if (host === undefined) {
    const first = context.handles[0];
    if (!first) throw new AppError('DOCKER_UNAVAILABLE', 'No Docker engine is configured: set SHIPYARD_DOCKER');
    return identify(first);
  }
  const { engines } = await reachableEnginesOf(context);
  const engine = engines.find((candidate) => candidate.identity.host === host);
  if (!engine) {
    const known = engines.map((candidate) => candidate.identity.host).join(', ') || 'none reachable';
    throw new AppError('VALIDATION_FAILED', `host: no reachable engine is called ${host}`, {
      fields: [{ path: 'host', message: `No reachable engine is called ${host}; known hosts: ${known}` }],
    });
  }
  return engine;
}

async function inspectOn(context: ContainerContext, engine: Engine, reference: string): Promise<Located | null> {
  try {
    return { engine, inspect: await clientOf(context, engine).inspectContainer(reference) };
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/** Finds a container by id or name: on `host` if given, else on whichever engine has it. */
export async function locateContainer(context: ContainerContext, reference: string, host?: string): Promise<Located> {
  assertReference(reference);
  const engines = host !== undefined ? [await engineForHost(context, host)] : (await reachableEnginesOf(context)).engines;
  const found = (await Promise.all(engines.map((engine) => inspectOn(context, engine, reference)))).filter((entry) => entry !== null);
  if (found.length === 0) throw new NotFoundError(`No container ${reference}${host ? ` on ${host}` : ''}`);
  if (found.length > 1) {
    throw new AppError('CONFLICT', `${reference} names a container on several hosts (${found.map((entry) => entry.engine.identity.host).join(', ')}): add ?host=`);
  }
  return found[0] as Located;
}
