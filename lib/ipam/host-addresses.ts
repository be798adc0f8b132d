// Host addresses from the host ranges (create-network --ip, release-host): one key per address,
// created only if absent, so two hosts can never be given the same address.
import { AddressTakenError, HostAddressUnknownError } from './errors';
import { cidrContains, formatCidr, formatIpv4, requireIpv4 } from './ipv4';
import { keys } from './keys';
import { formatRange, rangeContains } from './ranges';
import { decode, encode, hostAddressRecord } from './records';
import type { Store } from './store';
import { type SubnetConfig, listSubnetConfigs } from './subnet-config';

/** The configured subnet that contains the address ("A.B.C.D" or "A.B.C.D/len"). */
export async function subnetOfAddress(store: Store, text: string, what: string): Promise<{ config: SubnetConfig; address: number }> {
  const address = requireIpv4(text.split('/')[0] ?? '', what);
  const config = (await listSubnetConfigs(store)).find((candidate) => cidrContains(candidate.subnet, address));
  if (!config) {
    throw new HostAddressUnknownError(
      `${formatIpv4(address)} is in no configured subnet: configure one with shipyard-ipam host-range / ip-range (see shipyard-ipam ls)`,
    );
  }
  return { config, address };
}

export async function claimHostAddress(store: Store, text: string, hostId: string): Promise<{ config: SubnetConfig; address: number }> {
  const { config, address } = await subnetOfAddress(store, text, '--ip');
  if (!config.hostRanges.some((range) => rangeContains(range, address))) {
    const ranges = config.hostRanges.map(formatRange).join(', ') || 'none';
    throw new HostAddressUnknownError(
      `${formatIpv4(address)} is outside the host ranges of ${formatCidr(config.subnet)} (${ranges}): ` +
        'add it with shipyard-ipam host-range, or use an address inside them',
    );
  }
  if (config.gateway === undefined) {
    throw new HostAddressUnknownError(`${formatCidr(config.subnet)} has no router: set it with shipyard-ipam host-range --gateway`);
  }
  const key = keys.hostAddress(config.poolId, address);
  const record = { host: hostId, at: new Date().toISOString() };
  const result = await store.txn([{ key, absent: true }], [{ put: key, value: encode(record) }], [key]);
  const current = result.reads[0];
  if (!result.succeeded && current) {
    const holder = decode(hostAddressRecord, current);
    if (holder.host !== hostId) {
      throw new AddressTakenError(
        `host address ${formatIpv4(address)} belongs to host ${holder.host} since ${holder.at}: use another address, ` +
          `or free it with shipyard-ipam release-host --ip ${formatIpv4(address)} if that host is gone`,
      );
    }
  }
  return { config, address };
}

/** Idempotent. Returns the host that held the address, if any. */
export async function releaseHostAddress(store: Store, text: string): Promise<string | undefined> {
  const { config, address } = await subnetOfAddress(store, text, '--ip');
  const key = keys.hostAddress(config.poolId, address);
  const entry = await store.get(key);
  if (!entry) return undefined;
  await store.txn([{ key, modRevision: entry.modRevision }], [{ delete: key }]);
  return decode(hostAddressRecord, entry).host;
}
