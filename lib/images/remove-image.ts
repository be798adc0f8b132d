import { audited } from '@/lib/audit/audited';
import type { Actor, ContainerContext } from '@/lib/engines/context';
import { engineForHost } from '@/lib/engines/locate';
import { DockerRequestError } from '@/lib/docker/docker-errors';
import { userCaller } from '@/lib/docker/engine-request';
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
  const client = engine.client.as(userCaller(actor));
  return audited(actor, { action: 'image.remove', target: `${hostName}/${reference}`, details: { force: options.force } }, async () => {
    try {
      const inspect = await client.inspectImage(reference);
      // Removing one of several tags only untags: no container loses its image.
      const onlyUntags = !reference.startsWith('sha256:') && !inspect.Id.includes(reference) && (inspect.RepoTags?.length ?? 0) > 1;
      if (!options.force && !onlyUntags) {
        const containers: ContainerUseShape[] = await client.listContainers({ all: true, filters: { ancestor: [inspect.Id] } });
        const users = containers.filter((entry) => entry.ImageID === inspect.Id).map(toImageUser);
        if (users.length > 0) throw new ConflictError(inUseMessage(reference, hostName, users));
      }
      const answer = await client.removeImage(reference, { force: options.force });
      return {
        host: hostName,
        untagged: answer.flatMap((entry) => (entry.Untagged ? [entry.Untagged] : [])),
        deleted: answer.flatMap((entry) => (entry.Deleted ? [entry.Deleted] : [])),
      };
    } catch (error) {
      // Docker's own 404 (not one of the console's errors) names the image and host in words.
      if (error instanceof DockerRequestError && error.code === 'NOT_FOUND') throw new NotFoundError(`No image ${reference} on ${hostName}`);
      throw error;
    }
  });
}
