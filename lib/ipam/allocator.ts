// Address and pool allocation over etcd: the one object the plugin and the CLI hold. Each request
// is delegated to the file with its idea; every allocation is decided by an etcd transaction
// (address-claim.ts), so two callers can never both own an address.
import { randomUUID } from 'node:crypto';
import { releaseAddress } from './address-release';
import { allocateNext } from './allocate-next';
import { allocateRequested } from './allocate-requested';
import { ClaimBatcher } from './claim-batcher';
import { formatIpv4 } from './ipv4';
import { type AllocationContext, PoolCache } from './pool-cache';
import { type PoolRequest, releasePool, requestPool } from './pool-requests';
import { type ReservationKind, reserveAddress } from './reservations';
import type { Store } from './store';

export type { PoolRequest } from './pool-requests';

export type AddressKind = 'container' | ReservationKind;

export interface AddressRequest {
  readonly poolId: string;
  /** A specific address (docker run --ip, --gateway, --aux-address), or undefined for any. */
  readonly address?: string;
  readonly mac?: string;
  readonly kind: AddressKind;
}

export class Allocator {
  private readonly context: AllocationContext;

  constructor(
    readonly store: Store,
    readonly hostId: string,
  ) {
    this.context = { store, hostId, pools: new PoolCache(store, hostId), claims: new ClaimBatcher(store) };
  }

  requestPool(request: PoolRequest): Promise<{ poolId: string; pool: string }> {
    return requestPool(this.context, request);
  }

  /** Drops this host's reference; the pool's reservations held by this host go with the last one. */
  releasePool(poolId: string): Promise<void> {
    return releasePool(this.context, poolId);
  }

  /** How many etcd transactions this instance's address claims took, and how many claims they carried. */
  get claimStats(): Readonly<ClaimBatcher['stats']> {
    return this.context.claims.stats;
  }

  /** Returns "A.B.C.D/len". */
  async requestAddress(request: AddressRequest): Promise<string> {
    const state = await this.context.pools.get(request.poolId);
    const nonce = randomUUID();
    let address: number;
    if (request.kind !== 'container') {
      address = await reserveAddress(this.context, state, request.kind, request.address);
    } else if (request.address) {
      address = await allocateRequested(this.context, state, request.address, request.mac, nonce);
    } else {
      address = await allocateNext(this.context, state, request.mac, nonce);
    }
    return `${formatIpv4(address)}/${state.config.subnet.prefixLength}`;
  }

  /** Idempotent: releasing a free address succeeds. `force` also drops shared reservations and parked addresses. */
  releaseAddress(poolId: string, addressText: string, options: { force?: boolean } = {}): Promise<'freed' | 'parked'> {
    return releaseAddress(this.context, poolId, addressText, options.force ?? false);
  }
}
