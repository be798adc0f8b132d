// A host's volumes as the console shows them: name, driver, host, created, the containers that
// use each (on that host), and the mountpoint (a path on the host) for admins only.
import type { EngineClient } from '@/lib/docker/engine-client';
import type { VolumeInspect } from '@/lib/docker/engine-shapes';
import { naturalCompare } from '@/lib/format/natural-sort';

export interface VolumeUser {
  readonly id: string;
  readonly name: string;
  readonly state: string;
}

export interface VolumeView {
  readonly name: string;
  readonly driver: string;
  readonly host: string;
  readonly scope: string;
  readonly createdAt: string | null;
  readonly labels: Readonly<Record<string, string>>;
  /** Whether it was made with driver options (a bind of a host path, tmpfs, NFS…). */
  readonly hasDriverOptions: boolean;
  /** The host path where the engine keeps it: admins only (null for anyone else). */
  readonly mountpoint: string | null;
  readonly usedBy: readonly VolumeUser[];
}

/** One engine's volumes, or why it could not be asked. */
export interface HostVolumes {
  readonly host: string;
  readonly url: string;
  readonly volumes: readonly VolumeView[];
  readonly error: string | null;
}

/** What the users of a volume are read from: a container list entry (ContainerListEntry is one). */
export interface MountingContainer {
  readonly Id: string;
  readonly Names?: readonly string[];
  readonly State: string;
  readonly Mounts?: readonly { readonly Type: string; readonly Name?: string }[];
}

const containerName = (entry: MountingContainer): string => (entry.Names?.[0] ?? entry.Id.slice(0, 12)).replace(/^\//, '');

/** Every container (stopped ones too: they keep a volume in use), by the volume names they mount. */
export function usersByVolume(containers: readonly MountingContainer[]): Map<string, VolumeUser[]> {
  const users = new Map<string, VolumeUser[]>();
  for (const container of containers) {
    for (const mount of container.Mounts ?? []) {
      if (mount.Type !== 'volume' || !mount.Name) continue;
      const user = { id: container.Id, name: containerName(container), state: container.State };
      users.set(mount.Name, [...(users.get(mount.Name) ?? []), user]);
    }
  }
  return users;
}

export function toVolumeView(volume: VolumeInspect, host: string, users: readonly VolumeUser[], showMountpoint: boolean): VolumeView {
  const created = (volume as VolumeInspect & { CreatedAt?: string }).CreatedAt;
  return {
    name: volume.Name,
    driver: volume.Driver,
    host,
    scope: volume.Scope ?? 'local',
    createdAt: created ?? null,
    labels: volume.Labels ?? {},
    hasDriverOptions: Object.keys(volume.Options ?? {}).length > 0,
    mountpoint: showMountpoint ? volume.Mountpoint : null,
    usedBy: users,
  };
}

/** The volumes of one engine with their users, sorted by name. */
export async function volumesOn(docker: EngineClient, host: string, showMountpoint: boolean): Promise<VolumeView[]> {
  const [{ Volumes }, containers] = await Promise.all([docker.listVolumes(), docker.listContainers({ all: true })]);
  const users = usersByVolume(containers);
  return (Volumes ?? []).map((volume) => toVolumeView(volume, host, users.get(volume.Name) ?? [], showMountpoint)).sort((a, b) => naturalCompare(a.name, b.name));
}
