// The cluster as the scheduler needs it, read through the engine boundary (lib/docker): per
// engine its cores, memory, labels, images, networks and containers (with their cpusets and
// memory limits from the engine's limits cache), then the core claims from etcd laid over it.
import type { ContainerSummary } from '@/lib/containers/container-summary';
import { listContainersOn } from '@/lib/containers/list-containers';
import { parseCpuset } from '@/lib/containers/cpuset';
import { hideSocketPaths } from '@/lib/docker/engine-address';
import type { ContainerContext } from '@/lib/engines/context';
import { clientOf, engineHandlesOf } from '@/lib/engines/context-engines';
import { identify, type EngineHandle } from '@/lib/engines/engines';
import { AppError } from '@/lib/errors/app-error';
import { holdersOf } from './claim-keys';
import type { CoreClaim } from './core-claims';
import { ledgerBytes, type MemoryLedger } from './memory-claims';
import { imageReferences, type CoreUse, type DownHost, type HostContainer, type HostInventory, type UpHost } from './inventory';

export interface EngineContainer extends HostContainer {
  readonly cpuset: readonly number[];
  readonly memoryBytes: number;
  /** Its memory counts against the host: running, or created and about to start (`docker run` is a create then a start). */
  readonly reservesMemory: boolean;
}

/** One engine as read, before the claims are laid over it. */
export type EngineReading =
  | DownHost
  | (Omit<UpHost, 'reservedMemoryBytes' | 'containers' | 'cores'> & { readonly containers: readonly EngineContainer[] });

function labelsOf(entries: readonly string[] | null | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const entry of entries ?? []) {
    const at = entry.indexOf('=');
    if (at > 0) labels[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return labels;
}

function toEngineContainer(summary: ContainerSummary): EngineContainer {
  const cores = summary.cpuset ? parseCpuset(summary.cpuset) : [];
  const running = summary.state === 'running' || summary.state === 'restarting' || summary.state === 'paused';
  return {
    id: summary.id,
    name: summary.name,
    image: summary.image,
    running,
    reservesMemory: running || summary.state === 'created',
    cpuset: typeof cores === 'string' ? [] : cores,
    memoryBytes: summary.memoryBytes ?? 0,
  };
}

function reasonOf(error: unknown): string {
  return hideSocketPaths(error instanceof Error ? error.message : String(error));
}

/** One engine; one that does not answer is a down host with the reason, never an error. */
export async function readEngine(context: ContainerContext, handle: EngineHandle): Promise<EngineReading> {
  try {
    const engine = await identify(handle);
    const client = clientOf(context, engine);
    // info again (identify keeps the first answer): a host that went down since must show as down.
    const [info, containers, images, networks] = await Promise.all([client.info(), listContainersOn(context, engine), client.listImages(), client.listNetworks()]);
    return {
      state: 'up',
      host: engine.identity.host,
      cpus: info.NCPU ?? engine.identity.cpus,
      memoryBytes: info.MemTotal ?? engine.identity.memoryBytes,
      labels: labelsOf(info.Labels),
      images: new Set(images.flatMap(imageReferences)),
      networks: new Set(networks.flatMap((network) => [network.Name, network.Id])),
      containers: containers.map(toEngineContainer),
    };
  } catch (error) {
    return { state: 'down', host: handle.identity?.host ?? handle.url, reason: reasonOf(error) };
  }
}

/**
 * What one placement decision reads of an engine beyond its containers (which come from the
 * event-fed inventory) and its cores and memory (asked once, identify()); the rest is not read.
 */
export interface ReadingNeeds {
  /** The image asked for: one inspect says whether the host has it, not a list of all its images. */
  readonly image: string;
  /** A network to join that is not a built-in one: one inspect. */
  readonly network: string | null;
  /** A constraint on engine labels: the engine's info, for its labels. */
  readonly labels: boolean;
  /** An image affinity: every image of the host. */
  readonly allImages: boolean;
}

const BUILTIN_NETWORKS = new Set(['bridge', 'host', 'none', 'default']);
const notFoundAsNull = (error: unknown) => {
  if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
  throw error;
};

/**
 * One engine as one decision needs it (readEngine reads all of it): with the inventory fresh,
 * one small inspect per host in the common case. Its answer also says the host is up.
 */
export async function readEngineFor(context: ContainerContext, handle: EngineHandle, needs: ReadingNeeds): Promise<EngineReading> {
  try {
    const engine = await identify(handle);
    const client = clientOf(context, engine);
    const network = needs.network !== null && !BUILTIN_NETWORKS.has(needs.network) ? needs.network : null;
    const [info, containers, images, networks] = await Promise.all([
      needs.labels ? client.info() : Promise.resolve(null),
      listContainersOn(context, engine),
      needs.allImages
        ? client.listImages().then((list) => list.flatMap(imageReferences))
        : client.inspectImage(needs.image).then(
            (image) => [...imageReferences({ Id: image.Id, RepoTags: image.RepoTags, RepoDigests: image.RepoDigests }), needs.image],
            notFoundAsNull,
          ),
      network ? client.inspectNetwork(network).then((found) => [found.Name, found.Id, network], notFoundAsNull) : Promise.resolve([]),
    ]);
    return {
      state: 'up',
      host: engine.identity.host,
      cpus: info?.NCPU ?? engine.identity.cpus,
      memoryBytes: info?.MemTotal ?? engine.identity.memoryBytes,
      labels: labelsOf(info?.Labels),
      images: new Set(images ?? []),
      networks: new Set(networks ?? []),
      containers: containers.map(toEngineContainer),
    };
  } catch (error) {
    return { state: 'down', host: handle.identity?.host ?? handle.url, reason: reasonOf(error) };
  }
}

/** Every engine of the context (discovered ones too), or only the one called `host`. */
export async function readEngines(context: ContainerContext, host?: string, needs?: ReadingNeeds): Promise<EngineReading[]> {
  const { handles, problems } = await engineHandlesOf(context);
  const chosen = host === undefined ? handles : handles.filter((handle) => handle.identity === undefined || handle.identity.host === host);
  const readings = await Promise.all(chosen.map((handle) => (needs ? readEngineFor(context, handle, needs) : readEngine(context, handle))));
  const named = host === undefined ? readings : readings.filter((reading) => reading.host === host);
  return [...named, ...(host === undefined ? problems.map((problem): DownHost => ({ state: 'down', host: problem.url, reason: problem.message })) : [])];
}

/**
 * The claims laid over the engines: a claimed core is held as its claim says (exclusive or shared,
 * with its holders' names); a container pinned outside the console (docker run --cpuset-cpus)
 * marks its cores shared. Memory reserved is what the host's ledger claims (placed containers,
 * and creates under way) plus the limits of its other containers running or about to.
 */
export function withClaims(readings: readonly EngineReading[], claims: readonly CoreClaim[], ledgers: readonly MemoryLedger[] = []): HostInventory[] {
  const claimsByHost = new Map<string, CoreClaim[]>();
  for (const claim of claims) {
    const list = claimsByHost.get(claim.host);
    if (list) list.push(claim);
    else claimsByHost.set(claim.host, [claim]);
  }
  return readings.map((reading): HostInventory => {
    if (reading.state === 'down') return reading;
    const cores = new Map<number, CoreUse>();
    const hostClaims = claimsByHost.get(reading.host) ?? [];
    if (hostClaims.length > 0) {
      const namesById = new Map(reading.containers.map((container) => [container.id, container.name]));
      for (const claim of hostClaims) {
        const holders = holdersOf(claim.record).map((holder) => (holder.container ? (namesById.get(holder.container) ?? holder.name) : `${holder.name} (being created)`));
        cores.set(claim.core, { kind: claim.record.kind, holders });
      }
    }
    const ledger = ledgers.find((candidate) => candidate.host === reading.host);
    const claimed = new Set((ledger?.holders ?? []).flatMap((holder) => (holder.container ? [holder.container] : [])));
    // A create under way whose container exists but is not bound yet: known by its name.
    const pending = new Set((ledger?.holders ?? []).flatMap((holder) => (holder.container ? [] : [holder.name])));
    let reservedMemoryBytes = ledgerBytes(ledger);
    for (const container of reading.containers) {
      // A container the ledger holds is counted there, once.
      if (container.reservesMemory && !claimed.has(container.id) && !pending.has(container.name)) reservedMemoryBytes += container.memoryBytes;
      for (const core of container.cpuset) {
        const known = cores.get(core);
        if (known?.kind === 'exclusive' || known?.holders.includes(container.name)) continue; // the claim says who holds it
        cores.set(core, { kind: 'shared', holders: [...(known?.holders ?? []), container.name] });
      }
    }
    // EngineContainer is a HostContainer: the scheduler reads only its part.
    return { ...reading, reservedMemoryBytes, cores };
  });
}
