// Address and pool allocation over etcd. Safety rests on one rule: an address key is only ever
// created by a transaction that requires it to be absent, together with the MAC's index key, so
// two callers (any host, any retry) can never both own an address, and one MAC never owns two.
import { randomUUID } from 'node:crypto';
import {
  AddressOutOfPoolError,
  AddressTakenError,
  ContentionError,
  InvalidRequestError,
  PoolExhaustedError,
  PoolNotConfiguredError,
  UnknownPoolError,
} from './errors';
import { cidrContains, formatCidr, formatIpv4, isNetworkOrBroadcast, parseCidr, requireIpv4 } from './ipv4';
import { keys, poolIdOf } from './keys';
import { claimBlock, newestBlockRunningLow, readBlocks, releaseBlocks } from './block-claims';
import { blockOf, blockPrefixOf, blockSizeOf } from './blocks';
import { type PoolState, pickBorrowed, pickOwn, randomAddress } from './pool-state';
import { formatRange, rangeContains } from './ranges';
import { type AddressRecord, addressRecord, decode, encode, refRecord } from './records';
import type { Entry, Store } from './store';
import { type SubnetConfig, readSubnetConfig } from './subnet-config';

/** How many lost races one request tolerates before asking the caller to retry. */
const MAX_CONFLICTS = 64;
/** After this many lost races in one request, reread the pool's used addresses. */
const REFRESH_AFTER_CONFLICTS = 4;

export type AddressKind = 'container' | 'gateway' | 'aux';

export interface AddressRequest {
  readonly poolId: string;
  /** A specific address (docker run --ip, --gateway, --aux-address), or undefined for any. */
  readonly address?: string;
  readonly mac?: string;
  readonly kind: AddressKind;
}

export interface PoolRequest {
  readonly pool: string;
  readonly subPool?: string;
  readonly v6?: boolean;
}

type ClaimOutcome =
  | { readonly kind: 'claimed'; readonly address: number }
  | { readonly kind: 'mac-holds'; readonly address: number }
  | { readonly kind: 'taken'; readonly record: AddressRecord | undefined };

export class Allocator {
  private readonly pools = new Map<string, Promise<PoolState>>();

  constructor(
    readonly store: Store,
    readonly hostId: string,
  ) {}

  async requestPool(request: PoolRequest): Promise<{ poolId: string; pool: string }> {
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
    const poolId = poolIdOf(subnet);
    const config = await readSubnetConfig(this.store, poolId);
    if (!config || config.containerRanges.length === 0) {
      throw new PoolNotConfiguredError(
        `no container range is configured for ${formatCidr(subnet)}: run \`shipyard-ipam ip-range --ip-start A/${subnet.prefixLength} ` +
          `--ip-end B/${subnet.prefixLength}\` with addresses of ${formatCidr(subnet)} first`,
      );
    }
    await this.changeRefCount(poolId, +1);
    // Warm the pool's cache now, so the first container's RequestAddress is one transaction.
    this.poolState(poolId).catch(() => undefined);
    return { poolId, pool: formatCidr(subnet) };
  }

  /** Drops this host's reference; the pool's reservations held by this host go with the last one. */
  async releasePool(poolId: string): Promise<void> {
    const remaining = await this.changeRefCount(poolId, -1);
    if (remaining > 0) return;
    await releaseBlocks(this.store, poolId, this.hostId);
    for (const entry of await this.store.list(keys.addresses(poolId))) {
      const record = decode(addressRecord, entry);
      if (record.kind !== 'container' && record.holders.includes(this.hostId)) {
        await this.dropHold(entry);
      }
    }
    this.pools.delete(poolId);
  }

  /** Returns "A.B.C.D/len". */
  async requestAddress(request: AddressRequest): Promise<string> {
    const state = await this.poolState(request.poolId);
    const nonce = randomUUID();
    let address: number;
    if (request.kind !== 'container') {
      address = await this.reserve(state, request);
    } else if (request.address) {
      address = await this.allocateRequested(state, request.address, request.mac, nonce);
    } else {
      address = await this.allocateNext(state, request.mac, nonce);
    }
    return `${formatIpv4(address)}/${state.config.subnet.prefixLength}`;
  }

  /** Idempotent: releasing a free address succeeds. `force` also drops shared reservations. */
  async releaseAddress(poolId: string, addressText: string, options: { force?: boolean } = {}): Promise<void> {
    const address = requireIpv4(addressText.split('/')[0] ?? '', 'address');
    const key = keys.address(poolId, address);
    for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
      const entry = await this.store.get(key);
      if (!entry) return this.forget(poolId, address);
      const record = decode(addressRecord, entry);
      if (record.kind !== 'container' && !options.force) {
        if (!record.holders.includes(this.hostId)) return;
        if (await this.dropHold(entry)) return;
        continue;
      }
      const writes = [{ delete: key }, ...(record.kind === 'container' && record.mac ? [{ delete: keys.mac(poolId, record.mac) }] : [])];
      const result = await this.store.txn([{ key, modRevision: entry.modRevision }], writes);
      if (result.succeeded) return this.forget(poolId, address);
    }
    throw new ContentionError(`address ${addressText} kept changing while being released: retry`);
  }

  private async forget(poolId: string, address: number): Promise<void> {
    const state = this.pools.get(poolId);
    if (state) (await state.catch(() => undefined))?.used.delete(address);
  }

  private poolState(poolId: string): Promise<PoolState> {
    let state = this.pools.get(poolId);
    if (!state) {
      state = this.loadPool(poolId);
      this.pools.set(poolId, state);
      // A failed load (etcd down) must not be cached: the next request tries again.
      state.catch(() => this.pools.delete(poolId));
    }
    return state;
  }

  private async loadPool(poolId: string): Promise<PoolState> {
    const [config, used] = await Promise.all([this.requireConfig(poolId), this.readUsed(poolId)]);
    const blockPrefix = blockPrefixOf(config.subnet);
    const { mine, claimed } = await readBlocks(this.store, poolId, blockPrefix, this.hostId);
    return { config, used, inflight: new Set(), blockPrefix, mine, claimed, hint: 0 };
  }

  private async requireConfig(poolId: string): Promise<SubnetConfig> {
    const config = await readSubnetConfig(this.store, poolId);
    if (!config) {
      throw new UnknownPoolError(
        `pool ${poolId} is not configured in etcd (${this.store.prefix}): configure it with \`shipyard-ipam ip-range\`, ` +
          'then remove and recreate the docker network',
      );
    }
    return config;
  }

  private async readUsed(poolId: string): Promise<Set<number>> {
    const prefix = keys.addresses(poolId);
    const found = await this.store.listKeys(prefix);
    return new Set(found.map((key) => requireIpv4(key.slice(prefix.length), 'stored address')));
  }

  /** Rereads the pool; requests that need it at the same time share one reread. */
  private refresh(state: PoolState): Promise<void> {
    state.refreshing ??= this.reread(state).finally(() => {
      state.refreshing = undefined;
    });
    return state.refreshing;
  }

  /** The pool's ranges, used addresses and block affinities (one round trip, three reads). */
  private async reread(state: PoolState): Promise<void> {
    const poolId = state.config.poolId;
    const [config, used, blocks] = await Promise.all([
      this.requireConfig(poolId),
      this.readUsed(poolId),
      readBlocks(this.store, poolId, state.blockPrefix, this.hostId),
    ]);
    state.config = config;
    state.used = used;
    state.claimed = blocks.claimed;
    for (const block of blocks.mine) if (!state.mine.includes(block)) state.mine.push(block);
  }

  private async allocateNext(state: PoolState, mac: string | undefined, nonce: string): Promise<number> {
    let refreshed = false;
    for (let conflicts = 0; conflicts < MAX_CONFLICTS; ) {
      const candidate = await this.reserveCandidate(state);
      if (candidate === undefined) {
        if (refreshed) {
          // A retried request in a now full pool still gets the address it was given.
          const held = mac ? await this.store.get(keys.mac(state.config.poolId, mac)) : undefined;
          if (held) return requireIpv4(held.value, 'stored MAC index');
          throw this.exhausted(state);
        }
        await this.refresh(state);
        refreshed = true;
        continue;
      }
      let outcome: ClaimOutcome;
      try {
        this.claimAhead(state, candidate);
        outcome = await this.claim(state, candidate, mac, nonce);
      } finally {
        state.inflight.delete(candidate);
      }
      if (outcome.kind !== 'taken') {
        state.used.add(outcome.address);
        return outcome.address;
      }
      // Another host (a borrower, or the owner of a block we borrow from) won: look elsewhere.
      state.used.add(candidate);
      if (!state.mine.includes(blockOf(candidate, state.blockPrefix))) state.cursor = randomAddress(state);
      conflicts++;
      // Losing repeatedly means our view is stale (other hosts filled the pool): reread it.
      if (conflicts % REFRESH_AFTER_CONFLICTS === 0) await this.refresh(state);
    }
    throw new ContentionError(
      `gave up after ${MAX_CONFLICTS} lost races for a free address in ${formatCidr(state.config.subnet)}: retry the command`,
    );
  }

  /**
   * A free address of this host's blocks; else of a newly claimed block; else borrowed from any
   * block. It is marked in flight in the same synchronous step that picks it (the caller releases
   * it): with an await in between, two requests of this instance could pick the same address.
   */
  private async reserveCandidate(state: PoolState): Promise<number | undefined> {
    const reserve = (address: number | undefined) => {
      if (address !== undefined) state.inflight.add(address);
      return address;
    };
    for (;;) {
      const own = reserve(pickOwn(state));
      if (own !== undefined) return own;
      if (await claimBlock(this.store, state, this.hostId)) continue;
      if (!state.borrowing) {
        // Every block is claimed: borrow from a fresh view of the pool, from a random spot so
        // that hosts borrowing at the same time do not all start at the same address.
        state.borrowing = true;
        state.cursor = randomAddress(state);
        await this.refresh(state);
        continue;
      }
      return reserve(pickBorrowed(state));
    }
  }

  /** Claims the next block in the background when the newest one runs low, so requests rarely wait for a claim. */
  private claimAhead(state: PoolState, candidate: number): void {
    if (state.claiming) return;
    const lowWater = Math.max(blockSizeOf(state.blockPrefix) / 4, state.inflight.size);
    if (!newestBlockRunningLow(state, candidate, lowWater)) return;
    claimBlock(this.store, state, this.hostId).catch(() => undefined);
  }

  private async allocateRequested(state: PoolState, text: string, mac: string | undefined, nonce: string): Promise<number> {
    const address = requireIpv4(text.split('/')[0] ?? '', '--ip');
    if (!state.config.containerRanges.some((range) => rangeContains(range, address))) {
      await this.refresh(state);
      if (!state.config.containerRanges.some((range) => rangeContains(range, address))) {
        const ranges = state.config.containerRanges.map(formatRange).join(', ');
        throw new AddressOutOfPoolError(
          `--ip ${formatIpv4(address)} is outside the container ranges of ${formatCidr(state.config.subnet)} (${ranges}): ` +
            'pick an address inside them, or omit --ip',
        );
      }
    }
    const outcome = await this.claim(state, address, mac, nonce);
    if (outcome.kind === 'claimed' || (outcome.kind === 'mac-holds' && outcome.address === address)) {
      state.used.add(address);
      return address;
    }
    if (outcome.kind === 'mac-holds') {
      throw new AddressTakenError(
        `MAC ${mac ?? ''} already holds ${formatIpv4(outcome.address)} in ${formatCidr(state.config.subnet)}: ` +
          `release it first (shipyard-ipam release-ip --ip ${formatIpv4(outcome.address)})`,
      );
    }
    state.used.add(address);
    throw new AddressTakenError(`${formatIpv4(address)} is already in use (${describe(outcome.record)}): choose another --ip, or omit --ip`);
  }

  /** One transaction: take the address (and the MAC index) only if both are free. */
  private async claim(state: PoolState, address: number, mac: string | undefined, nonce: string): Promise<ClaimOutcome> {
    const poolId = state.config.poolId;
    const addressKey = keys.address(poolId, address);
    const record: AddressRecord = { kind: 'container', host: this.hostId, at: new Date().toISOString(), nonce, ...(mac ? { mac } : {}) };
    const guards = [{ key: addressKey, absent: true as const }, ...(mac ? [{ key: keys.mac(poolId, mac), absent: true as const }] : [])];
    const writes = [{ put: addressKey, value: encode(record) }, ...(mac ? [{ put: keys.mac(poolId, mac), value: formatIpv4(address) }] : [])];
    const reads = [addressKey, ...(mac ? [keys.mac(poolId, mac)] : [])];
    const result = await this.store.txn(guards, writes, reads);
    if (result.succeeded) return { kind: 'claimed', address };
    const [current, macEntry] = result.reads;
    if (macEntry) return { kind: 'mac-holds', address: requireIpv4(macEntry.value, 'stored MAC index') };
    const existing = current ? decode(addressRecord, current) : undefined;
    // Our own earlier attempt whose reply was lost (a retried RPC) holds our nonce.
    if (existing?.kind === 'container' && existing.nonce === nonce) return { kind: 'claimed', address };
    return { kind: 'taken', record: existing };
  }

  /** Gateway and aux addresses: shared by every host of the flat network, never given to a container. */
  private async reserve(state: PoolState, request: AddressRequest): Promise<number> {
    const { subnet, poolId } = state.config;
    const what = request.kind === 'gateway' ? '--gateway' : '--aux-address';
    if (!request.address) {
      throw new InvalidRequestError(`${what} needs an explicit address with this driver: pass ${what} with this host's address`);
    }
    const address = requireIpv4(request.address.split('/')[0] ?? '', what);
    if (!cidrContains(subnet, address) || isNetworkOrBroadcast(subnet, address)) {
      throw new AddressOutOfPoolError(`${what} ${formatIpv4(address)} is not a usable address of ${formatCidr(subnet)}: pick one inside it`);
    }
    const key = keys.address(poolId, address);
    for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
      const record: AddressRecord = { kind: request.kind === 'gateway' ? 'gateway' : 'aux', holders: [this.hostId], at: new Date().toISOString() };
      const created = await this.store.txn([{ key, absent: true }], [{ put: key, value: encode(record) }], [key]);
      if (created.succeeded) {
        state.used.add(address);
        return address;
      }
      const current = created.reads[0];
      if (!current) continue;
      const existing = decode(addressRecord, current);
      if (existing.kind === 'container') {
        throw new AddressTakenError(
          `${what} ${formatIpv4(address)} is already given to a container (${describe(existing)}): ` +
            'use an address outside the container ranges (see shipyard-ipam ls)',
        );
      }
      if (existing.holders.includes(this.hostId)) return address;
      const shared = encode({ ...existing, holders: [...existing.holders, this.hostId] });
      const joined = await this.store.txn([{ key, modRevision: current.modRevision }], [{ put: key, value: shared }]);
      if (joined.succeeded) return address;
    }
    throw new ContentionError(`${what} ${formatIpv4(address)} kept changing while being reserved: retry`);
  }

  /** Removes this host from a reservation's holders, deleting it with the last one. False on a lost race. */
  private async dropHold(entry: Entry): Promise<boolean> {
    const record = decode(addressRecord, entry);
    if (record.kind === 'container') return true;
    const holders = record.holders.filter((holder) => holder !== this.hostId);
    const key = entry.key;
    const write = holders.length === 0 ? { delete: key } : { put: key, value: encode({ ...record, holders }) };
    const result = await this.store.txn([{ key, modRevision: entry.modRevision }], [write]);
    return result.succeeded;
  }

  /** Adds `delta` to this host's reference count on the pool; returns the new count. */
  private async changeRefCount(poolId: string, delta: number): Promise<number> {
    const key = keys.ref(poolId, this.hostId);
    for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
      const entry = await this.store.get(key);
      const count = entry ? decode(refRecord, entry).count : 0;
      const next = Math.max(0, count + delta);
      if (!entry && next === 0) return 0;
      const guard = entry ? { key, modRevision: entry.modRevision } : { key, absent: true as const };
      const write = next === 0 ? { delete: key } : { put: key, value: encode({ count: next }) };
      const result = await this.store.txn([guard], [write]);
      if (result.succeeded) return next;
    }
    throw new ContentionError(`the reference count of pool ${poolId} kept changing: retry`);
  }

  private exhausted(state: PoolState): PoolExhaustedError {
    const ranges = state.config.containerRanges.map(formatRange).join(', ');
    return new PoolExhaustedError(
      `pool exhausted: every container address of ${formatCidr(state.config.subnet)} (${ranges}) is in use; ` +
        'stop unused containers, run `shipyard-ipam gc`, or add a range with `shipyard-ipam ip-range`',
    );
  }
}

function describe(record: AddressRecord | undefined): string {
  if (!record) return 'by another request just now';
  if (record.kind === 'container') return `container on host ${record.host}${record.mac ? `, MAC ${record.mac}` : ''}, since ${record.at}`;
  return `${record.kind} of host ${record.holders.join(', ')}`;
}
