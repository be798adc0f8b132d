import type { ImageHistoryJson } from '@/lib/docker/engine-shapes';
/** Docker's image list entry, as far as the console reads it. */
export interface ImageListShape {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Size?: number;
  Created?: number;
}

/** Docker's container list entry, as far as the images page needs it: who uses which image. */
export interface ContainerUseShape {
  Id: string;
  Names?: string[];
  ImageID?: string;
  State?: string;
}

export interface ImageUser {
  id: string;
  name: string;
  state: string;
}

/** One image on one host, in the console's own words. */
export interface ImageSummary {
  /** sha256:… */
  id: string;
  shortId: string;
  host: string;
  /** repository:tag names; empty for a dangling image. */
  tags: string[];
  digests: string[];
  sizeBytes: number;
  /** ISO 8601. */
  created: string;
  /** Containers (running or not) created from this image. */
  containers: ImageUser[];
}

export function shortImageId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

export function toImageUser(entry: ContainerUseShape): ImageUser {
  return { id: entry.Id, name: (entry.Names?.[0] ?? entry.Id.slice(0, 12)).replace(/^\//, ''), state: entry.State ?? 'unknown' };
}

/** Groups containers by the image they were created from. */
export function usersByImage(containers: ContainerUseShape[]): Map<string, ImageUser[]> {
  const byImage = new Map<string, ImageUser[]>();
  for (const entry of containers) {
    if (!entry.ImageID) continue;
    const users = byImage.get(entry.ImageID) ?? [];
    users.push(toImageUser(entry));
    byImage.set(entry.ImageID, users);
  }
  return byImage;
}

export function toImageSummary(entry: ImageListShape, host: string, users: ImageUser[]): ImageSummary {
  return {
    id: entry.Id,
    shortId: shortImageId(entry.Id),
    host,
    // Docker 20.10 lists a dangling image with the tag "<none>:<none>".
    tags: (entry.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>'),
    digests: (entry.RepoDigests ?? []).filter((digest) => !digest.startsWith('<none>')),
    sizeBytes: entry.Size ?? 0,
    created: new Date((entry.Created ?? 0) * 1000).toISOString(),
    containers: users,
  };
}

export interface ImageLayer {
  /** The layer's image id, or null for a layer built elsewhere (Docker says "<missing>"). */
  id: string | null;
  created: string;
  createdBy: string;
  sizeBytes: number;
  comment: string;
  tags: string[];
}

export function toImageLayer(entry: ImageHistoryJson): ImageLayer {
  return {
    id: entry.Id && entry.Id !== '<missing>' ? entry.Id : null,
    created: new Date((entry.Created ?? 0) * 1000).toISOString(),
    createdBy: entry.CreatedBy ?? '',
    sizeBytes: entry.Size ?? 0,
    comment: entry.Comment ?? '',
    tags: entry.Tags ?? [],
  };
}
