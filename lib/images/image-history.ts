import type { ContainerContext } from '@/lib/engines/context';
import { clientOf } from '@/lib/engines/context-engines';
import { engineForHost } from '@/lib/engines/locate';
import { asEngineError } from '@/lib/docker/engine-client';
import { NotFoundError } from '@/lib/errors/app-error';
import { toImageLayer, type ImageLayer } from './image-summary';
import { assertImageReference } from './reference';

/** The layers an image was built from, newest first, on `host` (the manager's engine if none). */
export async function imageHistory(context: ContainerContext, reference: string, host?: string): Promise<{ host: string; layers: ImageLayer[] }> {
  assertImageReference(reference);
  const engine = await engineForHost(context, host);
  try {
    const history = await clientOf(context, engine).imageHistory(reference);
    return { host: engine.identity.host, layers: history.map(toImageLayer) };
  } catch (error) {
    const translated = asEngineError(error);
    if (translated.code === 'NOT_FOUND') throw new NotFoundError(`No image ${reference} on ${engine.identity.host}`);
    throw translated;
  }
}
