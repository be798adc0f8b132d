import { AppError } from '@/lib/errors/app-error';
import { toSummaryFromList, type ContainerSummary, type ListEntryShape } from './container-summary';
import type { ContainerContext } from '@/lib/engines/context';
import { reachableEnginesOf } from '@/lib/engines/context-engines';
import type { EngineClient } from '@/lib/docker/engine-client';
import { toEngineInfo, type Engine, type EngineInfo, type EngineProblem } from '@/lib/engines/engines';
import { limitsOf, type Limits } from '@/lib/engines/limits-cache';
import { hideSocketPaths } from '@/lib/docker/engine-address';

export interface ContainerList {
  containers: ContainerSummary[];
  engines: EngineInfo[];
  /** Engines that did not answer: their containers are missing from the list, and the page says so. */
  unreachable: EngineProblem[];
}

/** Inspects at most this many containers of one engine at a time. */
const INSPECT_CONCURRENCY = 16;

async function mapLimited<Item, Result>(items: Item[], limit: number, run: (item: Item) => Promise<Result>): Promise<Result[]> {
  const results: Result[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as Item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// Docker's list has no limits (NanoCpus, cpuset, memory): they come from the engine's limits
// cache, and only the containers the cache does not know are inspected (once each).
async function readLive(client: EngineClient, context: ContainerContext, engine: Engine): Promise<ContainerSummary[]> {
  await engine.limits.watch();
  const entries: ListEntryShape[] = await client.listContainers({ all: true });
  const limits = entries.map((entry): Limits | null | undefined => engine.limits.get(entry.Id));
  const missing = limits.flatMap((found, index) => (found === undefined ? [index] : []));
  await mapLimited(missing, INSPECT_CONCURRENCY, async (index) => {
    const id = (entries[index] as ListEntryShape).Id;
    const generation = engine.limits.currentGeneration;
    try {
      const inspect = await client.inspectContainer(id);
      const fresh = limitsOf(inspect.HostConfig);
      engine.limits.set(id, fresh, generation);
      limits[index] = fresh;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
      limits[index] = null; // removed meanwhile
    }
  });
  const host = engine.identity.host;
  return entries.flatMap((entry, index) => {
    const found = limits[index];
    return found ? [toSummaryFromList(entry, found, host, context.flatNetwork)] : [];
  });
}

/**
 * One engine's containers: the engine's inventory while its event stream says nothing changed
 * (lib/engines/container-inventory.ts), else a live read, which the inventory keeps. The kept
 * list is read by the console itself: GET /containers/json and inspect are open to every role
 * the containers:read permission admits (lib/policy/routes.ts), so it shows a user nothing
 * their own read would not.
 */
export function listContainersOn(context: ContainerContext, engine: Engine): Promise<ContainerSummary[]> {
  return engine.inventory.list(context.flatNetwork ?? '', () => readLive(engine.client, context, engine));
}

/** Newest first; by name when created in the same second. Plain comparisons: ISO times sort as text. */
function newestFirst(a: ContainerSummary, b: ContainerSummary): number {
  if (a.created !== b.created) return a.created < b.created ? 1 : -1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Every container on every reachable engine, newest first, each tagged with its host. */
export async function listContainers(context: ContainerContext): Promise<ContainerList> {
  const { engines, unreachable } = await reachableEnginesOf(context);
  const results = await Promise.allSettled(engines.map((engine) => listContainersOn(context, engine)));
  const containers: ContainerSummary[] = [];
  results.forEach((result, index) => {
    if (result.status === 'fulfilled') containers.push(...result.value);
    else unreachable.push({ url: engines[index]?.url ?? '?', message: hideSocketPaths(result.reason instanceof Error ? result.reason.message : String(result.reason)) });
  });
  containers.sort(newestFirst);
  return { containers, engines: engines.map(toEngineInfo), unreachable };
}
