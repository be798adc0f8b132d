import { Allocator } from '../../lib/ipam/allocator';
import { parseRangeFlags } from '../../lib/ipam/ranges';
import type { Store } from '../../lib/ipam/store';
import { addContainerRange } from '../../lib/ipam/subnet-config';

/** A pool of the benchmark's own under its etcd prefix: the container range, and an allocator that has asked for the pool. */
export async function benchPool(store: Store, options: { start: string; end: string; pool: string; host: string }): Promise<{ allocator: Allocator; poolId: string }> {
  await addContainerRange(store, parseRangeFlags(options.start, options.end));
  const allocator = new Allocator(store, options.host);
  const { poolId } = await allocator.requestPool({ pool: options.pool });
  return { allocator, poolId };
}
