import type { ContainerContext } from '@/lib/engines/context';
import { clientOf, reachableEnginesOf } from '@/lib/engines/context-engines';
import { toEngineInfo, type Engine, type EngineInfo, type EngineProblem } from '@/lib/engines/engines';
import type { EngineClient } from '@/lib/docker/engine-client';
import { naturalCompare } from '@/lib/format/natural-sort';
import { toImageSummary, usersByImage, type ContainerUseShape, type ImageListShape, type ImageSummary } from './image-summary';

export interface ImageList {
  images: ImageSummary[];
  engines: EngineInfo[];
  /** Engines that did not answer: their images are missing from the list, and the page says so. */
  unreachable: EngineProblem[];
}

/** The images of one engine, each with the containers created from it; read by `client` (the engine's, acting for someone). */
export async function imagesOn(engine: Engine, client: EngineClient = engine.client): Promise<ImageSummary[]> {
  const [images, containers]: [ImageListShape[], ContainerUseShape[]] = await Promise.all([client.listImages(), client.listContainers({ all: true })]);
  const users = usersByImage(containers);
  return images.map((image) => toImageSummary(image, engine.identity.host, users.get(image.Id) ?? []));
}

/** Every image on every reachable engine (or on `host` only), newest first, each tagged with its host. */
export async function listImages(context: ContainerContext, host?: string): Promise<ImageList> {
  const reachable = await reachableEnginesOf(context);
  const engines = host === undefined ? reachable.engines : reachable.engines.filter((engine) => engine.identity.host === host);
  const unreachable = [...reachable.unreachable];
  const results = await Promise.allSettled(engines.map((engine) => imagesOn(engine, clientOf(context, engine))));
  const images: ImageSummary[] = [];
  results.forEach((result, index) => {
    if (result.status === 'fulfilled') images.push(...result.value);
    else unreachable.push({ url: engines[index]?.url ?? '?', message: result.reason instanceof Error ? result.reason.message : String(result.reason) });
  });
  images.sort((a, b) => b.created.localeCompare(a.created) || naturalCompare(a.host, b.host) || a.id.localeCompare(b.id));
  return { images, engines: engines.map(toEngineInfo), unreachable };
}
