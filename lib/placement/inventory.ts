// What the scheduler knows of the cluster: one entry per engine, read through lib/docker by
// read-inventory.ts (or simulated by the benchmark). Pure data: the scheduler does no I/O.

/** Who holds a core: exclusively (a `cores: N` claim) or shared (an explicit cpuset). */
export interface CoreUse {
  readonly kind: 'exclusive' | 'shared';
  /** Container names (or "pending" while a claim waits for its container). */
  readonly holders: readonly string[];
}

export interface HostContainer {
  readonly id: string;
  readonly name: string;
  readonly image: string;
  readonly running: boolean;
}

export interface UpHost {
  readonly state: 'up';
  readonly host: string;
  readonly cpus: number;
  readonly memoryBytes: number;
  /** Memory the host's containers reserve (their limits). */
  readonly reservedMemoryBytes: number;
  /** The engine's labels (dockerd --label zone=a). */
  readonly labels: Readonly<Record<string, string>>;
  /** Every reference an image on the host answers to: repo:tag, repo@digest, sha256:id. */
  readonly images: ReadonlySet<string>;
  readonly networks: ReadonlySet<string>;
  readonly containers: readonly HostContainer[];
  /** The cores in use, by core number; a core not here is free. */
  readonly cores: ReadonlyMap<number, CoreUse>;
}

export interface DownHost {
  readonly state: 'down';
  readonly host: string;
  readonly reason: string;
}

export type HostInventory = UpHost | DownHost;

/** Docker's short forms: busybox → busybox:latest, docker.io/library/busybox → busybox. */
export function normalizeImage(reference: string): string {
  let name = reference.trim();
  if (name.startsWith('sha256:') || name.includes('@')) return name;
  name = name.replace(/^(docker\.io|index\.docker\.io)\//, '').replace(/^library\//, '');
  const lastSlash = name.lastIndexOf('/');
  return name.slice(lastSlash + 1).includes(':') ? name : `${name}:latest`;
}

/** The references a host's image answers to. */
export function imageReferences(image: { readonly Id: string; readonly RepoTags?: readonly string[] | null; readonly RepoDigests?: readonly string[] | null }): string[] {
  return [image.Id, ...(image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>').map(normalizeImage), ...(image.RepoDigests ?? [])];
}

export function hostHasImage(host: Pick<UpHost, 'images'>, reference: string): boolean {
  if (host.images.has(normalizeImage(reference))) return true;
  // A short id, as `docker run 1a2b3c` takes it.
  if (/^[0-9a-f]{6,64}$/.test(reference)) return host.images.has(`sha256:${reference}`) || [...host.images].some((known) => known.startsWith(`sha256:${reference}`));
  return false;
}

export function freeCoresOf(host: UpHost): number[] {
  const free: number[] = [];
  for (let core = 0; core < host.cpus; core += 1) if (!host.cores.has(core)) free.push(core);
  return free;
}

export function runningCountOf(host: UpHost): number {
  return host.containers.filter((container) => container.running).length;
}
