// The sidecar's pools as the console shows them: ranges with sizes, used and free counts, and
// the host addresses handed out by create-network.
import { liveHosts } from '@/lib/ipam/gc';
import { inventory } from '@/lib/ipam/inventory';
import { formatCidr, formatIpv4 } from '@/lib/ipam/ipv4';
import { type AddressRange, rangeSize } from '@/lib/ipam/ranges';
import type { Store } from '@/lib/ipam/store';
import type { IpamPoolView, IpamRangeView } from './types';

function rangeView(range: AddressRange): IpamRangeView {
  return { start: formatIpv4(range.start), end: formatIpv4(range.end), size: rangeSize(range) };
}

export async function listPools(store: Store): Promise<IpamPoolView[]> {
  const [pools, live] = await Promise.all([inventory(store), liveHosts(store)]);
  return pools.map(({ config, used, free, hosts }) => ({
    poolId: config.poolId,
    subnet: formatCidr(config.subnet),
    router: config.gateway === undefined ? null : formatIpv4(config.gateway),
    containerRanges: config.containerRanges.map(rangeView),
    hostRanges: config.hostRanges.map(rangeView),
    size: used + free,
    used,
    free,
    hostAddresses: hosts.map(({ address, host }) => ({ address, host, live: live.has(host) })),
  }));
}
