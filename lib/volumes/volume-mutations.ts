// The volume mutations as the console makes them: (context, actor, input), each audited here.
import type { Actor } from '@/lib/audit/actor';
import { audited } from '@/lib/audit/audited';
import { userCaller } from '@/lib/docker/engine-request';
import type { ContainerContext } from '@/lib/engines/context';
import { createVolume, prunePreview, pruneVolumes, removeVolume, type PruneResult } from './volume-actions';
import { pickHost, volumeHosts } from './volume-hosts';
import type { CreateVolumeInput, PruneVolumesInput } from './volume-schema';
import { volumesOn, type HostVolumes, type VolumeView } from './volume-view';

const isAdmin = (who: Pick<Actor, 'role'>) => who.role === 'admin';

async function hostFor(context: ContainerContext, actor: Pick<Actor, 'username' | 'role' | 'grants'>, host: string) {
  return pickHost(await volumeHosts(context, userCaller(actor)), host);
}

/** Every engine's volumes; an engine that does not answer is listed with its error. */
export async function listVolumesPerHost(context: ContainerContext, who: Pick<Actor, 'username' | 'role' | 'grants'>): Promise<HostVolumes[]> {
  const hosts = await volumeHosts(context, userCaller(who));
  return Promise.all(
    hosts.map(async (target) => {
      try {
        return { host: target.host, url: target.url, volumes: await volumesOn(target.docker, target.host, isAdmin(who)), error: null };
      } catch (error) {
        return { host: target.host, url: target.url, volumes: [], error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
}

export async function createVolumeAudited(context: ContainerContext, actor: Actor, input: CreateVolumeInput): Promise<VolumeView> {
  const details = { host: input.host, driver: input.driver, driverOptions: Object.keys(input.driverOptions ?? {}).join(',') };
  return audited(actor, { action: 'volume.create', target: `${input.name}@${input.host}`, details }, async () => {
    const target = await hostFor(context, actor, input.host);
    return createVolume(target.docker, target.host, input, isAdmin(actor));
  });
}

export async function removeVolumeAudited(context: ContainerContext, actor: Actor, input: { name: string; host: string }): Promise<void> {
  await audited(actor, { action: 'volume.remove', target: `${input.name}@${input.host}`, details: { host: input.host } }, async () => {
    const target = await hostFor(context, actor, input.host);
    await removeVolume(target.docker, target.host, input.name);
  });
}

/** What a prune would remove (the confirmation shows it); changes nothing. */
export async function previewPrune(context: ContainerContext, who: Pick<Actor, 'username' | 'role' | 'grants'>, input: PruneVolumesInput): Promise<VolumeView[]> {
  const target = await hostFor(context, who, input.host);
  return prunePreview(target.docker, target.host, input, isAdmin(who));
}

export async function pruneVolumesAudited(context: ContainerContext, actor: Actor, input: PruneVolumesInput): Promise<PruneResult> {
  return audited(
    actor,
    { action: 'volume.prune', target: input.host, details: { host: input.host, ...(input.label ? { label: input.label } : {}) } },
    async () => {
      const target = await hostFor(context, actor, input.host);
      return pruneVolumes(target.docker, target.host, input);
    },
    (result) => ({ removed: result.removed.join(',').slice(0, 1000), count: result.removed.length, spaceReclaimed: result.spaceReclaimed }),
  );
}
