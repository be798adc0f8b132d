// Docker's RequestPool and ReleasePool: each host counts its references to a pool in etcd, and
// lets go of the pool's blocks and reservations with its last one.
import { releaseBlocks } from './block-claims';
import { MAX_CONFLICTS } from './contention';
import { ContentionError, InvalidRequestError, PoolNotConfiguredError } from './errors';
import { type Cidr, formatCidr, parseCidr } from './ipv4';
import { keys, poolIdOf } from './keys';
import type { AllocationContext } from './pool-cache';
import { addressRecord, decode, encode, refRecord } from './records';
import { dropHold } from './reservations';
import type { Store } from './store';
import { saveStickySetting } from './sticky';
import { readSubnetConfig } from './subnet-config';

export interface PoolRequest {
  readonly pool: string;
  readonly subPool?: string;
  readonly v6?: boolean;
  /** False for a network created with --ipam-opt sticky=false (sticky.ts). */
  readonly sticky?: boolean;
}

export async function requestPool(context: AllocationContext, request: PoolRequest): Promise<{ poolId: string; pool: string }> {
  const subnet = subnetOfRequest(request);
  const poolId = poolIdOf(subnet);
  const config = await readSubnetConfig(context.store, poolId);
  if (!config || config.containerRanges.length === 0) {
    throw new PoolNotConfiguredError(
      `no container range is configured for ${formatCidr(subnet)}: run \`shipyard-ipam ip-range --ip-start A/${subnet.prefixLength} ` +
        `--ip-end B/${subnet.prefixLength}\` with addresses of ${formatCidr(subnet)} first`,
    );
  }
  await changeRefCount(context.store, context.hostId, poolId, +1);
  await saveStickySetting(context.store, poolId, request.sticky ?? true);
  // Warm the pool's cache now, so the first container's RequestAddress is one transaction.
  context.pools.get(poolId).catch(() => undefined);
  return { poolId, pool: formatCidr(subnet) };
}

/** Drops this host's reference; the pool's reservations held by this host go with the last one. */
export async function releasePool(context: AllocationContext, poolId: string): Promise<void> {
  const { store, hostId } = context;
  const remaining = await changeRefCount(store, hostId, poolId, -1);
  if (remaining > 0) return;
  await releaseBlocks(store, poolId, hostId);
  for (const entry of await store.list(keys.addresses(poolId))) {
    const record = decode(addressRecord, entry);
    if (record.kind !== 'container' && record.holders.includes(hostId)) {
      await dropHold(store, hostId, entry);
    }
  }
  context.pools.drop(poolId);
}

/** The flat network's subnet, or an error that says which `docker network create` flag to change. */
function subnetOfRequest(request: PoolRequest): Cidr {
  if (request.v6) {
    throw new InvalidRequestError('this driver allocates IPv4 only: create the network without --ipv6');
  }
  if (!request.pool) {
    throw new InvalidRequestError(
      'this driver needs the subnet of the flat network: pass --subnet (e.g. --subnet 10.199.0.0/24) to docker network create',
    );
  }
  const subnet = parseCidr(request.pool, '--subnet');
  if (request.subPool && request.subPool !== request.pool) {
    throw new InvalidRequestError(
      `--ip-range ${request.subPool} is not supported: container ranges are set with \`shipyard-ipam ip-range\`; drop --ip-range`,
    );
  }
  return subnet;
}

/** Adds `delta` to this host's reference count on the pool; returns the new count. */
async function changeRefCount(store: Store, hostId: string, poolId: string, delta: number): Promise<number> {
  const key = keys.ref(poolId, hostId);
  for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
    const entry = await store.get(key);
    const count = entry ? decode(refRecord, entry).count : 0;
    const next = Math.max(0, count + delta);
    if (!entry && next === 0) return 0;
    const guard = entry ? { key, modRevision: entry.modRevision } : { key, absent: true as const };
    const write = next === 0 ? { delete: key } : { put: key, value: encode({ count: next }) };
    const result = await store.txn([guard], [write]);
    if (result.succeeded) return next;
  }
  throw new ContentionError(`the reference count of pool ${poolId} kept changing: retry`);
}
