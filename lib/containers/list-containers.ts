import { AppError } from '@/lib/errors/app-error';
import { toSummaryFromList, type ContainerSummary, type ListEntryShape } from './container-summary';
import type { ContainerContext } from '@/lib/engines/context';
import { clientOf, reachableEnginesOf } from '@/lib/engines/context-engines';
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
export async function listContainersOn(context: ContainerContext, engine: Engine): Promise<ContainerSummary[]> {
  const client = clientOf(context, engine);
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

/** Every container on every reachable engine, newest first, each tagged with its host. */
export async function listContainers(context: ContainerContext): Promise<ContainerList> {
  const { engines, unreachable } = await reachableEnginesOf(context);
  const results = await Promise.allSettled(engines.map((engine) => listContainersOn(context, engine)));
  const containers: ContainerSummary[] = [];
  results.forEach((result, index) => {
    if (result.status === 'fulfilled') containers.push(...result.value);
    else unreachable.push({ url: engines[index]?.url ?? '?', message: hideSocketPaths(result.reason instanceof Error ? result.reason.message : String(result.reason)) });
  });
  containers.sort((a, b) => b.created.localeCompare(a.created) || a.name.localeCompare(b.name));
  return { containers, engines: engines.map(toEngineInfo), unreachable };
}
