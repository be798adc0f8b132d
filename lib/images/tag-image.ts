import { audited } from '@/lib/audit/audited';
import type { Actor, ContainerContext } from '@/lib/engines/context';
import { engineForHost } from '@/lib/engines/locate';
import { asEngineError } from '@/lib/docker/engine-client';
import { userCaller } from '@/lib/docker/engine-request';
import { NotFoundError } from '@/lib/errors/app-error';
import type { TagImageInput } from './image-schema';
import { assertImageReference } from './reference';

/** Gives an image another name (repository:tag) on its host; audited. */
export async function tagImage(context: ContainerContext, actor: Actor, reference: string, input: TagImageInput): Promise<{ host: string; tag: string }> {
  assertImageReference(reference);
  const engine = await engineForHost(context, input.host);
  const tag = `${input.repository}:${input.tag}`;
  return audited(actor, { action: 'image.tag', target: `${engine.identity.host}/${reference}`, details: { tag } }, async () => {
    try {
      await engine.client.as(userCaller(actor)).tagImage(reference, { repo: input.repository, tag: input.tag });
    } catch (error) {
      const translated = asEngineError(error);
      if (translated.code === 'NOT_FOUND') throw new NotFoundError(`No image ${reference} on ${engine.identity.host}`);
      throw translated;
    }
    return { host: engine.identity.host, tag };
  });
}
