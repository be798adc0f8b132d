// What the engine answers about volumes, secrets and configs, and what the console sends it.
import type Docker from 'dockerode';
import type { VolumeInspect } from './engine-shapes';

/** A service's mounted secret / config, as its ContainerSpec holds it. */
export type SecretReference = Docker.SecretReference;
export type ConfigReference = Docker.ConfigReference;

export interface VolumeListJson {
  readonly Volumes: VolumeInspect[] | null;
  readonly Warnings: string[] | null;
}

export interface VolumeCreateBody {
  readonly Name: string;
  readonly Driver: string;
  readonly DriverOpts?: Readonly<Record<string, string>>;
  readonly Labels?: Readonly<Record<string, string>>;
}

export interface VolumePruneJson {
  readonly VolumesDeleted: string[] | null;
  readonly SpaceReclaimed: number;
}

export type SwarmObjectKind = 'secrets' | 'configs';

/** SecretSpec / ConfigSpec as sent: Data base64-encoded. */
export interface SwarmObjectSpec {
  readonly Name: string;
  readonly Labels: Readonly<Record<string, string>>;
  readonly Data: string;
}

/** A secret or config as listed: a secret's Spec never has Data; a config's does. */
export interface SwarmObjectJson {
  readonly ID: string;
  readonly Version?: { readonly Index?: number };
  readonly CreatedAt?: string;
  readonly UpdatedAt?: string;
  readonly Spec?: { readonly Name?: string; readonly Labels?: Record<string, string> | null; readonly Data?: string };
}
