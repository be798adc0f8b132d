import { z } from 'zod';
import { audited } from '@/lib/containers/audited';
import type { Actor, ContainerContext } from '@/lib/containers/context';
import { engineForHost } from '@/lib/containers/locate';
import { translateDockerError } from '@/lib/docker/docker-errors';
import { AppError } from '@/lib/errors/app-error';
import { imagesOn } from './list-images';
import { pullErrorInWords, registryOf, toPullEvent, type DockerPullMessage, type PullEvent } from './pull-progress';
import { hostSchema, isImageReference, splitReference, tagSchema } from './reference';

export const pullImageSchema = z.strictObject({
  image: z
    .string({ message: 'An image to pull, e.g. busybox or registry:5000/team/app:v2' })
    .trim()
    .min(1, 'An image to pull, e.g. busybox or registry:5000/team/app:v2')
    .refine((value) => isImageReference(value) && !/^(sha256:)?[a-f0-9]{64}$/.test(value), 'A lower-case image name with an optional registry host:port and :tag, e.g. registry:5000/team/app:v2'),
  tag: tagSchema.optional(),
  host: hostSchema,
});

export type PullImageInput = z.infer<typeof pullImageSchema>;

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
): Promise<Extract<PullEvent, { type: 'done' }>> {
  const engine = await engineForHost(context, input.host);
  const reference = pullReference(input);
  const registry = registryOf(reference);
  return audited(actor, 'image.pull', `${engine.identity.host}/${reference}`, { registry }, async () => {
    let stream: NodeJS.ReadableStream;
    try {
      // The streaming client: a pull takes as long as the layers take, well over the 10 s timeout.
      stream = (await engine.streaming.pull(reference, {})) as NodeJS.ReadableStream;
    } catch (error) {
      const translated = translateDockerError(error, engine.url);
      if (translated.code === 'DOCKER_UNAVAILABLE') throw translated;
      throw new AppError(translated.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'DOCKER_ERROR', pullErrorInWords(failureDetail(error, translated.message), reference, registry), { cause: error });
    }
    const abort = () => (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      await new Promise<void>((resolve, reject) => {
        let failure: string | null = null;
        (engine.streaming.modem as ProgressModem).followProgress(
          stream,
          (error) => {
            if (failure) reject(new AppError('DOCKER_ERROR', failure));
            else if (error) reject(new AppError('DOCKER_ERROR', pullErrorInWords(error.message, reference, registry), { cause: error }));
            else if (signal?.aborted) reject(new AppError('BAD_REQUEST', 'The pull was cancelled'));
            else resolve();
          },
          (message) => {
            const event = toPullEvent(message, reference, registry);
            if (event.type === 'error') failure = event.message;
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
