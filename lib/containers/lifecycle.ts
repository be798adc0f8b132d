import { readContainerInspect } from '@/lib/docker/container-inspect';
import { translateDockerError } from '@/lib/docker/docker-errors';
import { AppError } from '@/lib/errors/app-error';
import { asFieldError } from './action-field-errors';
import { audited } from '@/lib/audit/audited';
import { toContainerSummary, type ContainerSummary } from './container-summary';
import type { Actor, ContainerContext } from './context';
import type { LifecycleAction, LifecycleBody } from './container-schema';
import { locateContainer, type Located } from './locate';

export function targetOf(located: Located): string {
  return `${located.engine.identity.host}/${(located.inspect.Name ?? located.inspect.Id).replace(/^\//, '')}`;
}

// Docker 20.10 answers "is not paused", "is already paused" and the like with a 500; they are
// the container's state getting in the way, which the user resolves: a 409.
const STATE_CONFLICT = /is (not|already) (running|paused|stopped)|is (paused|restarting|not running)|cannot (pause|unpause|kill|restart)/i;

export function asStateConflict(error: AppError): AppError {
  return error.code === 'DOCKER_ERROR' && STATE_CONFLICT.test(error.message) ? new AppError('CONFLICT', error.message, { cause: error }) : error;
}

async function summaryAfter(located: Located, context: ContainerContext): Promise<ContainerSummary> {
  const inspect = await readContainerInspect(located.engine.docker.getContainer(located.inspect.Id));
  return toContainerSummary(inspect, located.engine.identity.host, context.flatNetwork);
}

/** Starts, stops, restarts, kills, pauses, unpauses or renames one container; audited. */
export async function runLifecycleAction<Action extends LifecycleAction>(
  context: ContainerContext,
  actor: Actor,
  reference: string,
  host: string | undefined,
  action: Action,
  body: LifecycleBody<Action>,
): Promise<ContainerSummary> {
  const located = await locateContainer(context, reference, host);
  // stop and restart wait up to their timeout (10 s by default) for the process to exit: longer
  // than the client's own 10 s timeout, so they go through the client without one.
  const client = action === 'stop' || action === 'restart' ? located.engine.streaming : located.engine.docker;
  const container = client.getContainer(located.inspect.Id);
  const details: Record<string, string | number> = { id: located.inspect.Id.slice(0, 12) };
  const options = body as Record<string, string | number | undefined>;
  for (const [key, value] of Object.entries(options)) if (value !== undefined) details[key] = value;
  const wait = typeof options.timeoutSeconds === 'number' ? { t: options.timeoutSeconds } : {};
  return audited(actor, { action: `container.${action}`, target: targetOf(located), details }, async () => {
    try {
      if (action === 'start') await container.start();
      else if (action === 'stop') await container.stop(wait);
      else if (action === 'restart') await container.restart(wait);
      else if (action === 'kill') await container.kill({ signal: options.signal });
      else if (action === 'pause') await container.pause();
      else if (action === 'unpause') await container.unpause();
      else await container.rename({ name: options.name });
      return await summaryAfter(located, context);
    } catch (error) {
      throw asFieldError(asStateConflict(translateDockerError(error, located.engine.url)), action);
    }
  });
}

/** Removes a container; force stops it first, volumes removes its anonymous volumes too. */
export async function removeContainer(
  context: ContainerContext,
  actor: Actor,
  reference: string,
  host: string | undefined,
  options: { force: boolean; volumes: boolean },
): Promise<{ id: string; host: string }> {
  const located = await locateContainer(context, reference, host);
  return audited(actor, { action: 'container.remove', target: targetOf(located), details: { id: located.inspect.Id.slice(0, 12), force: options.force, volumes: options.volumes } }, async () => {
    try {
      await located.engine.docker.getContainer(located.inspect.Id).remove({ force: options.force, v: options.volumes });
    } catch (error) {
      throw translateDockerError(error, located.engine.url);
    }
    return { id: located.inspect.Id, host: located.engine.identity.host };
  });
}
