import { audited } from '@/lib/audit/audited';
import type { Actor, ContainerContext } from '@/lib/containers/context';
import { engineForHost } from '@/lib/containers/locate';
import { translateDockerError } from '@/lib/docker/docker-errors';
import { AppError } from '@/lib/errors/app-error';
import { imagesOn } from './list-images';
import { isAuthFailure, pullErrorInWords, registryOf, toPullEvent, type DockerPullMessage, type PullEvent } from './pull-progress';
import type { PullImageInput } from './image-schema';
import { splitReference } from './reference';

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

interface ProgressModem {
  followProgress(stream: NodeJS.ReadableStream, onFinished: (error: Error | null, output: DockerPullMessage[]) => void, onProgress: (event: DockerPullMessage) => void): void;
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
  const login = input.username !== undefined && input.password !== undefined;
  // Only whether a login was given is audited: never the username's password.
  return audited(actor, { action: 'image.pull', target: `${engine.identity.host}/${reference}`, details: { registry, login } }, async () => {
    let stream: NodeJS.ReadableStream;
    try {
      // Docker gets the login as the X-Registry-Auth header, for this registry only.
      const options = login ? { authconfig: { username: input.username, password: input.password, serveraddress: registry } } : {};
      // The streaming client: a pull takes as long as the layers take, well over the 10 s timeout.
      stream = (await engine.streaming.pull(reference, options)) as NodeJS.ReadableStream;
    } catch (error) {
      const translated = translateDockerError(error, engine.url);
      if (translated.code === 'DOCKER_UNAVAILABLE') throw translated;
      const detail = failureDetail(error, translated.message);
      const code = isAuthFailure(detail) ? 'BAD_REQUEST' : translated.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'DOCKER_ERROR';
      throw new AppError(code, pullErrorInWords(detail, reference, registry, login), { cause: error });
    }
    onStarted?.();
    const abort = () => (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      await new Promise<void>((resolve, reject) => {
        let failure: { code: 'BAD_REQUEST' | 'DOCKER_ERROR'; message: string } | null = null;
        (engine.streaming.modem as ProgressModem).followProgress(
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
    let image = null;
    try {
      const inspect = (await engine.docker.getImage(reference).inspect()) as { Id: string };
      image = (await imagesOn(engine)).find((candidate) => candidate.id === inspect.Id) ?? null;
    } catch (error) {
      throw translateDockerError(error, engine.url);
    }
    const done = { type: 'done' as const, host: engine.identity.host, reference, image };
    onEvent(done);
    return done;
  });
}
