// The lab pool's container allocations as etcd holds them (etcdctl, the lab's default prefix).
import { run, requireLab } from './support';

export interface AllocationView {
  readonly address: string;
  readonly host: string;
  readonly mac?: string;
  readonly parked: boolean;
}

export function labPoolId(): string {
  return `${requireLab().subnetBase}.0-24`;
}

/** Container allocations of the lab pool: address, host, MAC (gateway and aux reservations left out). */
export async function poolAllocations(): Promise<AllocationView[]> {
  const prefix = `${process.env.IPAM_ETCD_PREFIX ?? '/shipyard/ipam/'}subnets/${labPoolId()}/addrs/`;
  const out = await run('etcdctl', ['--endpoints', requireLab().etcd, 'get', '--prefix', prefix]);
  const lines = out.split('\n');
  const found: AllocationView[] = [];
  for (let index = 0; index + 1 < lines.length; index += 2) {
    const record = JSON.parse(lines[index + 1] ?? '{}') as { kind?: string; host?: string; mac?: string; parked?: boolean };
    if (record.kind !== 'container') continue;
    found.push({
      address: (lines[index] ?? '').slice(prefix.length),
      host: record.host ?? '',
      ...(record.mac ? { mac: record.mac.toLowerCase() } : {}),
      parked: record.parked === true,
    });
  }
  return found;
}

/** Allocations whose MAC no container on any lab host has: what nothing will ever release. */
export function leakedAllocations(allocations: readonly AllocationView[], macs: ReadonlySet<string>): AllocationView[] {
  return allocations.filter((allocation) => allocation.mac !== undefined && !macs.has(allocation.mac));
}
