import { AppError } from '@/lib/errors/app-error';
import type { ContainerSummary } from './container-summary';
import type { BulkAction, BulkInput } from './container-schema';
import type { Actor, ContainerContext } from '@/lib/engines/context';
import { removeContainer, runLifecycleAction } from './lifecycle';

export type BulkResult =
  | { id: string; host: string; ok: true; container: ContainerSummary | null }
  | { id: string; host: string; ok: false; error: { code: string; message: string } };

/** How many containers are acted on at once (a stop waits up to 10 s). */
const CONCURRENCY = 4;

/**
 * Runs one action on each selected container; each is audited on its own, and one failing does
 * not stop the others: the answer has every target's outcome, in the order given.
 */
export async function runBulkAction(context: ContainerContext, actor: Actor, input: BulkInput): Promise<BulkResult[]> {
  const results: BulkResult[] = new Array(input.targets.length);
  let next = 0;
  const worker = async () => {
    while (next < input.targets.length) {
      const index = next++;
      const target = input.targets[index] as BulkInput['targets'][number];
      results[index] = await runOne(context, actor, input.action, target.id, target.host);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, input.targets.length) }, worker));
  return results;
}

async function runOne(context: ContainerContext, actor: Actor, action: BulkAction, id: string, host: string): Promise<BulkResult> {
  try {
    if (action === 'remove') {
      await removeContainer(context, actor, id, host, { force: true, volumes: false });
      return { id, host, ok: true, container: null };
    }
    return { id, host, ok: true, container: await runLifecycleAction(context, actor, id, host, action, {}) };
  } catch (error) {
    if (error instanceof AppError) return { id, host, ok: false, error: { code: error.code, message: error.message } };
    return { id, host, ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
  }
}
