// The configured ranges of a subnet (ip-range, host-range), read and changed by compare-and-swap
// on one key so two admins adding ranges at once cannot lose one or create an overlap.
import { ContentionError, InvalidRangeError } from './errors';
import { type Cidr, cidrContains, formatCidr, formatIpv4, isNetworkOrBroadcast, parseCidr, requireIpv4 } from './ipv4';
import { keys, poolIdOf, poolIdOfConfigKey } from './keys';
import { type AddressRange, type NamedRange, type SubnetRange, assertNoOverlap, formatRange, rangeContains } from './ranges';
import { type SubnetConfigRecord, decode, encode, subnetConfigRecord } from './records';
import type { Entry, Guard, Store } from './store';

export interface SubnetConfig {
  readonly poolId: string;
  readonly subnet: Cidr;
  readonly containerRanges: readonly AddressRange[];
  readonly hostRanges: readonly AddressRange[];
  readonly gateway?: number;
}

const MAX_CAS_ATTEMPTS = 20;

function fromRecord(record: SubnetConfigRecord): SubnetConfig {
  const subnet = parseCidr(record.subnet);
  const toRange = (range: { start: string; end: string }) => ({
    start: requireIpv4(range.start, 'stored range start'),
    end: requireIpv4(range.end, 'stored range end'),
  });
  return {
    poolId: poolIdOf(subnet),
    subnet,
    containerRanges: record.containerRanges.map(toRange),
    hostRanges: record.hostRanges.map(toRange),
    gateway: record.gateway === undefined ? undefined : requireIpv4(record.gateway, 'stored gateway'),
  };
}

function toRecord(config: SubnetConfig): SubnetConfigRecord {
  const toText = (range: AddressRange) => ({ start: formatIpv4(range.start), end: formatIpv4(range.end) });
  return {
    subnet: formatCidr(config.subnet),
    containerRanges: config.containerRanges.map(toText),
    hostRanges: config.hostRanges.map(toText),
    ...(config.gateway === undefined ? {} : { gateway: formatIpv4(config.gateway) }),
  };
}

export function configOfEntry(entry: Entry): SubnetConfig {
  return fromRecord(decode(subnetConfigRecord, entry));
}

export async function readSubnetConfig(store: Store, poolId: string): Promise<SubnetConfig | undefined> {
  const entry = await store.get(keys.config(poolId));
  return entry ? configOfEntry(entry) : undefined;
}

export async function listSubnetConfigs(store: Store): Promise<SubnetConfig[]> {
  const entries = await store.list(keys.subnets);
  return entries.filter((entry) => poolIdOfConfigKey(entry.key) !== undefined).map(configOfEntry);
}

function namedRanges(config: SubnetConfig): NamedRange[] {
  return [
    ...config.containerRanges.map((range) => ({ owner: 'container', range })),
    ...config.hostRanges.map((range) => ({ owner: 'host', range })),
  ];
}

function emptyConfig(subnet: Cidr): SubnetConfig {
  return { poolId: poolIdOf(subnet), subnet, containerRanges: [], hostRanges: [] };
}

const sameRange = (a: AddressRange, b: AddressRange) => a.start === b.start && a.end === b.end;

/** Applies `change` to the subnet's config with compare-and-swap; `change` throws to refuse. */
async function updateConfig(store: Store, subnet: Cidr, change: (config: SubnetConfig) => SubnetConfig): Promise<SubnetConfig> {
  const key = keys.config(poolIdOf(subnet));
  for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
    const entry = await store.get(key);
    const current = entry ? configOfEntry(entry) : emptyConfig(subnet);
    const next = change(current);
    if (next === current) return current;
    const guard: Guard = entry ? { key, modRevision: entry.modRevision } : { key, absent: true };
    const result = await store.txn([guard], [{ put: key, value: encode(toRecord(next)) }]);
    if (result.succeeded) return next;
  }
  throw new ContentionError(`the configuration of ${formatCidr(subnet)} kept changing under us: retry the command`);
}

/** `ip-range`: adds a container range to the subnet. Re-adding the same range changes nothing. */
export function addContainerRange(store: Store, { subnet, range }: SubnetRange): Promise<SubnetConfig> {
  return updateConfig(store, subnet, (config) => {
    if (config.containerRanges.some((existing) => sameRange(existing, range))) return config;
    assertNoOverlap(range, namedRanges(config));
    if (config.gateway !== undefined && rangeContains(range, config.gateway)) {
      throw new InvalidRangeError(
        `range ${formatRange(range)} contains the router ${formatIpv4(config.gateway)} of ${formatCidr(subnet)}: leave it out of the range`,
      );
    }
    return { ...config, containerRanges: [...config.containerRanges, range] };
  });
}

/** `host-range`: adds a range of host addresses and sets the subnet's router (gateway). */
export function addHostRange(store: Store, { subnet, range }: SubnetRange, gatewayText: string): Promise<SubnetConfig> {
  const gateway = requireIpv4(gatewayText, '--gateway');
  if (!cidrContains(subnet, gateway) || isNetworkOrBroadcast(subnet, gateway)) {
    throw new InvalidRangeError(
      `--gateway ${gatewayText} is not a usable address of ${formatCidr(subnet)}: give the router's address inside the subnet`,
    );
  }
  return updateConfig(store, subnet, (config) => {
    if (config.gateway !== undefined && config.gateway !== gateway) {
      throw new InvalidRangeError(
        `${formatCidr(subnet)} already has the router ${formatIpv4(config.gateway)}: use --gateway ${formatIpv4(config.gateway)}`,
      );
    }
    const known = config.hostRanges.some((existing) => sameRange(existing, range));
    if (known && config.gateway === gateway) return config;
    const others = known ? [] : namedRanges(config);
    assertNoOverlap(range, others);
    for (const { owner, range: other } of [...namedRanges(config), { owner: 'new host', range }]) {
      if (rangeContains(other, gateway)) {
        throw new InvalidRangeError(
          `--gateway ${gatewayText} lies inside the ${owner} range ${formatRange(other)}: the router must be outside every range`,
        );
      }
    }
    return { ...config, gateway, hostRanges: known ? config.hostRanges : [...config.hostRanges, range] };
  });
}

export function containerPoolSize(config: SubnetConfig): number {
  return config.containerRanges.reduce((total, range) => total + range.end - range.start + 1, 0);
}
