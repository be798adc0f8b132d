import { asEngineError, type EngineClient } from '@/lib/docker/engine-client';
import { userCaller } from '@/lib/docker/engine-request';
import { AppError } from '@/lib/errors/app-error';
import { asFieldError } from './action-field-errors';
import { audited } from '@/lib/audit/audited';
import { toContainerSummary, type ContainerSummary } from './container-summary';
import type { Actor, ContainerContext } from '@/lib/engines/context';
import type { LifecycleAction, LifecycleBody } from './container-schema';
import { locateContainer, type Located } from '@/lib/engines/locate';

export function targetOf(located: Located): string {
  return `${located.engine.identity.host}/${(located.inspect.Name ?? located.inspect.Id).replace(/^\//, '')}`;
}

// Docker 20.10 answers "is not paused", "is already paused" and the like with a 500; they are
// the container's state getting in the way, which the user resolves: a 409.
const STATE_CONFLICT = /is (not|already) (running|paused|stopped)|is (paused|restarting|not running)|cannot (pause|unpause|kill|restart)/i;

export function asStateConflict(error: AppError): AppError {
  return error.code === 'DOCKER_ERROR' && STATE_CONFLICT.test(error.message) ? new AppError('CONFLICT', error.message, { cause: error }) : error;
}

async function summaryAfter(client: EngineClient, located: Located, context: ContainerContext): Promise<ContainerSummary> {
  const inspect = await client.inspectContainer(located.inspect.Id);
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
  const client = located.engine.client.as(userCaller(actor));
  const id = located.inspect.Id;
  const details: Record<string, string | number> = { id: located.inspect.Id.slice(0, 12) };
  const options = body as Record<string, string | number | undefined>;
  for (const [key, value] of Object.entries(options)) if (value !== undefined) details[key] = value;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  // containerAction reads what its action takes: t for stop and restart, signal for kill, name for rename.
  const callOptions = { t: typeof options.timeoutSeconds === 'number' ? options.timeoutSeconds : undefined, signal: text(options.signal), name: text(options.name) };
  return audited(actor, { action: `container.${action}`, target: targetOf(located), details }, async () => {
    try {
      await client.containerAction(id, action, callOptions);
      return await summaryAfter(client, located, context);
    } catch (error) {
      throw asFieldError(asStateConflict(asEngineError(error)), action);
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
    await located.engine.client.as(userCaller(actor)).removeContainer(located.inspect.Id, { force: options.force, volumes: options.volumes });
    return { id: located.inspect.Id, host: located.engine.identity.host };
  });
}
