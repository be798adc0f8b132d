// `release-ip`: frees a container (or reserved) address by hand, in whichever configured subnet
// holds it. Idempotent. The CLI and the console both call this.
import { Allocator } from './allocator';
import { subnetOfAddress } from './host-addresses';
import { formatIpv4 } from './ipv4';
import type { Store } from './store';

export async function releaseAddressByHand(store: Store, ip: string, hostId: string): Promise<{ poolId: string; address: string }> {
  const { config, address } = await subnetOfAddress(store, ip, '--ip');
  await new Allocator(store, hostId).releaseAddress(config.poolId, formatIpv4(address), { force: true });
  return { poolId: config.poolId, address: formatIpv4(address) };
}
