import { audited } from '@/lib/audit/audited';
import type { Actor, ContainerContext } from '@/lib/containers/context';
import { engineForHost } from '@/lib/containers/locate';
import { translateDockerError } from '@/lib/docker/docker-errors';
import { AppError, ConflictError, NotFoundError } from '@/lib/errors/app-error';
import { toImageUser, type ContainerUseShape, type ImageUser } from './image-summary';
import { assertImageReference } from './reference';

/** Why an image cannot go: the containers created from it, named. */
export function inUseMessage(reference: string, host: string, users: ImageUser[]): string {
  const names = users.map((user) => `${user.name} (${user.state})`).join(', ');
  const them = users.length === 1 ? 'it' : 'them';
  return `Image ${reference} on ${host} is used by ${users.length} container${users.length === 1 ? '' : 's'}: ${names}. Remove ${them} first, or (admins) force the removal.`;
}

export interface RemovedImage {
  host: string;
  /** What Docker did: untagged names and deleted layer ids. */
  untagged: string[];
  deleted: string[];
}

/**
 * Removes an image (or one of its tags) from `host`. An image in use is refused with the names of
 * the containers using it; force, which removes it anyway (and untags it from running ones), is
 * for admins only.
 */
export async function removeImage(
  context: ContainerContext,
  actor: Actor,
  reference: string,
  host: string | undefined,
  options: { force: boolean },
): Promise<RemovedImage> {
  assertImageReference(reference);
  if (options.force && actor.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an admin may force the removal of an image');
  const engine = await engineForHost(context, host);
  const hostName = engine.identity.host;
  return audited(actor, { action: 'image.remove', target: `${hostName}/${reference}`, details: { force: options.force } }, async () => {
    try {
      const inspect = (await engine.docker.getImage(reference).inspect()) as { Id: string; RepoTags?: string[] | null };
      // Removing one of several tags only untags: no container loses its image.
      const onlyUntags = !reference.startsWith('sha256:') && !inspect.Id.includes(reference) && (inspect.RepoTags?.length ?? 0) > 1;
      if (!options.force && !onlyUntags) {
        const containers = (await engine.docker.listContainers({ all: true, filters: { ancestor: [inspect.Id] } })) as ContainerUseShape[];
        const users = containers.filter((entry) => entry.ImageID === inspect.Id).map(toImageUser);
        if (users.length > 0) throw new ConflictError(inUseMessage(reference, hostName, users));
      }
      const answer = (await engine.docker.getImage(reference).remove({ force: options.force })) as Array<{ Untagged?: string; Deleted?: string }>;
      return {
        host: hostName,
        untagged: answer.flatMap((entry) => (entry.Untagged ? [entry.Untagged] : [])),
        deleted: answer.flatMap((entry) => (entry.Deleted ? [entry.Deleted] : [])),
      };
    } catch (error) {
      if (error instanceof AppError) throw error;
      const translated = translateDockerError(error, engine.url);
      if (translated.code === 'NOT_FOUND') throw new NotFoundError(`No image ${reference} on ${hostName}`);
      throw translated;
    }
  });
}
