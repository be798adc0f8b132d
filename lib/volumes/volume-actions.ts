// Create, remove and prune one host's volumes. Driver options are admin-only: the engine request
// policy (lib/policy fields/volume-create.ts) refuses them for anyone else, naming DriverOpts.
import type { EngineClient } from '@/lib/docker/engine-client';
import type { ListFilters } from '@/lib/docker/engine-shapes';
import { AppError, ConflictError, NotFoundError } from '@/lib/errors/app-error';
import type { CreateVolumeInput, PruneVolumesInput } from './volume-schema';
import { toVolumeView, usersByVolume, type VolumeUser, type VolumeView } from './volume-view';

export async function createVolume(docker: EngineClient, host: string, input: CreateVolumeInput, showMountpoint: boolean): Promise<VolumeView> {
  if (await docker.inspectVolume(input.name)) throw new ConflictError(`A volume named ${input.name} already exists on ${host}: choose another name`);
  const created = await docker.createVolume({
    Name: input.name,
    Driver: input.driver,
    ...(input.driverOptions && Object.keys(input.driverOptions).length > 0 ? { DriverOpts: input.driverOptions } : {}),
    Labels: input.labels,
  });
  return toVolumeView(created, host, [], showMountpoint);
}

/** The containers on this host that mount the volume (stopped ones too). */
export async function volumeUsers(docker: EngineClient, name: string): Promise<VolumeUser[]> {
  return usersByVolume(await docker.listContainers({ all: true, filters: { volume: [name] } })).get(name) ?? [];
}

/** A volume in use, in words: which containers, on which host. */
export class VolumeInUseError extends ConflictError {
  static override readonly brand: string = 'VolumeInUseError';
  constructor(
    readonly volume: string,
    readonly host: string,
    readonly users: readonly VolumeUser[],
  ) {
    const named = users.map((user) => `${user.name} (${user.state})`).join(', ');
    super(
      users.length > 0
        ? `Volume ${volume} is in use on ${host} by ${users.length === 1 ? 'container' : 'containers'} ${named}: remove ${users.length === 1 ? 'it' : 'them'} first`
        : `Volume ${volume} is in use on ${host} (Docker refused to remove it): remove the containers that mount it first`,
    );
  }
}

/** Removes the volume; Docker's 409 becomes the list of containers that use it on that host. */
export async function removeVolume(docker: EngineClient, host: string, name: string): Promise<void> {
  if (!(await docker.inspectVolume(name))) throw new NotFoundError(`There is no volume ${name} on ${host}`);
  try {
    await docker.removeVolume(name);
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') throw new VolumeInUseError(name, host, await volumeUsers(docker, name));
    throw error;
  }
}

/** The filters of a prune and of its preview: unused volumes, optionally only those with the label. */
function pruneFilters(input: Pick<PruneVolumesInput, 'label'>): ListFilters {
  return input.label ? { label: [input.label] } : {};
}

/**
 * What a prune of this host would remove: its unused volumes (no container, running or not, mounts
 * them). Engines answer API 1.41, whose prune removes named volumes too, not only anonymous ones.
 */
export async function prunePreview(docker: EngineClient, host: string, input: Pick<PruneVolumesInput, 'label'>, showMountpoint: boolean): Promise<VolumeView[]> {
  const { Volumes } = await docker.listVolumes({ ...pruneFilters(input), dangling: ['true'] });
  return (Volumes ?? []).map((volume) => toVolumeView(volume, host, [], showMountpoint));
}

export interface PruneResult {
  readonly host: string;
  readonly removed: readonly string[];
  readonly spaceReclaimed: number;
}

export async function pruneVolumes(docker: EngineClient, host: string, input: Pick<PruneVolumesInput, 'label'>): Promise<PruneResult> {
  const answer = await docker.pruneVolumes(pruneFilters(input));
  return { host, removed: answer.VolumesDeleted ?? [], spaceReclaimed: answer.SpaceReclaimed };
}
