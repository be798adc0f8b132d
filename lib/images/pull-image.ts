import { audited } from '@/lib/audit/audited';
import type { Actor, ContainerContext } from '@/lib/engines/context';
import { engineForHost } from '@/lib/engines/locate';
import { DockerRequestError } from '@/lib/docker/docker-errors';
import { asEngineError } from '@/lib/docker/engine-client';
import { userCaller } from '@/lib/docker/engine-request';
import { AppError } from '@/lib/errors/app-error';
import { imagesOn } from './list-images';
import { isAuthFailure, pullErrorInWords, registryOf, toPullEvent, type PullEvent } from './pull-progress';
import type { PullImageInput } from './image-schema';
import { splitReference } from './reference';
import { registryLoginById } from '@/lib/registries/registry-auth';

/** name:tag (latest unless given): a pull without a tag would fetch every tag of the repository. */
export function pullReference(input: Pick<PullImageInput, 'image' | 'tag'>): string {
  const parts = splitReference(input.image);
  if (parts.digest || parts.tag) return input.image;
  return `${input.image}:${input.tag ?? 'latest'}`;
}

/**
 * What Docker said when the pull request itself failed. For a streamed request dockerode leaves
 * `json` empty and puts Docker's words in the message after "(HTTP code 404) unexpected - ".
 */
function failureDetail(error: unknown, fallback: string): string {
  const message = error instanceof Error ? error.message : '';
  const detail = message.replace(/^\(HTTP code \d+\)[^-]*- /, '').trim();
  return detail && detail !== message ? detail : fallback.replace(/^Docker: /, '');
}

/**
 * Pulls an image onto `host` (the manager's engine if none), reporting progress as the console's
 * own events; resolves with the final `done` event. Docker's errors, whether the request fails or
 * the stream reports one, become an AppError in words. Audited.
 */
export async function pullImage(
  context: ContainerContext,
  actor: Actor,
  input: PullImageInput,
  onEvent: (event: PullEvent) => void,
  signal?: AbortSignal,
  onStarted?: () => void,
): Promise<Extract<PullEvent, { type: 'done' }>> {
  const engine = await engineForHost(context, input.host);
  const reference = pullReference(input);
  const registry = registryOf(reference);
  const login = (input.username !== undefined && input.password !== undefined) || input.registryId !== undefined;
  // Only whether a login was given (and which saved one) is audited: never the password.
  const client = engine.client.as(userCaller(actor));
  const details = { registry, login, ...(input.registryId ? { registryId: input.registryId } : {}) };
  return audited(actor, { action: 'image.pull', target: `${engine.identity.host}/${reference}`, details }, async () => {
    let stream: NodeJS.ReadableStream;
    // Docker gets the login as the X-Registry-Auth header, for this registry only.
    const credentials =
      input.registryId !== undefined
        ? await registryLoginById({ database: actor.database }, input.registryId)
        : input.username !== undefined && input.password !== undefined
          ? { username: input.username, password: input.password, serveraddress: registry }
          : undefined;
    try {
      // The client's streaming variant: a pull takes as long as the layers take, well over the 10 s timeout.
      stream = await client.pullImage(reference, credentials);
    } catch (error) {
      const translated = asEngineError(error);
      // What Docker said is reworded below; an unreachable engine or a refusal of the console's own is told as it is.
      if (!(translated instanceof DockerRequestError || translated.code === 'DOCKER_ERROR')) throw translated;
      const detail = failureDetail(translated.cause, translated.message);
      const code = isAuthFailure(detail) ? 'BAD_REQUEST' : translated.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'DOCKER_ERROR';
      throw new AppError(code, pullErrorInWords(detail, reference, registry, login), { cause: translated.cause });
    }
    onStarted?.();
    const abort = () => (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      await new Promise<void>((resolve, reject) => {
        let failure: { code: 'BAD_REQUEST' | 'DOCKER_ERROR'; message: string } | null = null;
        client.followPullProgress(
          stream,
          (error) => {
            if (failure) reject(new AppError(failure.code, failure.message));
            else if (error) reject(new AppError(isAuthFailure(error.message) ? 'BAD_REQUEST' : 'DOCKER_ERROR', pullErrorInWords(error.message, reference, registry, login), { cause: error }));
            else if (signal?.aborted) reject(new AppError('BAD_REQUEST', 'The pull was cancelled'));
            else resolve();
          },
          (message) => {
            const event = toPullEvent(message, reference, registry, login);
            if (event.type === 'error') failure = { code: isAuthFailure(message.errorDetail?.message ?? message.error ?? '') ? 'BAD_REQUEST' : 'DOCKER_ERROR', message: event.message };
            else onEvent(event);
          },
        );
      });
    } finally {
      signal?.removeEventListener('abort', abort);
    }
    const inspect = await client.inspectImage(reference);
    const image = (await imagesOn(engine, client)).find((candidate) => candidate.id === inspect.Id) ?? null;
    const done = { type: 'done' as const, host: engine.identity.host, reference, image };
    onEvent(done);
    return done;
  });
}
