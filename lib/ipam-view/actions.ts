// The admin actions on the pools, through the same library functions as the shipyard-ipam CLI
// (ip-range, host-range, release-ip, gc). Inputs are validated by ipam-schema.ts; the library refuses
// overlaps, reversed ranges and the like with messages that say what to fix. The console calls
// them audited, through ipam-mutations.ts.
import type { Engine } from '@/lib/ipam/engine';
import { type GcReport, collectGarbage, describeReport } from '@/lib/ipam/gc';
import { formatCidr } from '@/lib/ipam/ipv4';
import { parseRangeFlags } from '@/lib/ipam/ranges';
import { releaseAddressByHand } from '@/lib/ipam/release-address';
import type { Store } from '@/lib/ipam/store';
import { addContainerRange, addHostRange } from '@/lib/ipam/subnet-config';
import { ipamCall } from './ipam-errors';
import type { AddRangeInput, GcInput } from './ipam-schema';

export async function addRange(store: Store, input: AddRangeInput): Promise<{ poolId: string; subnet: string }> {
  return ipamCall(async () => {
    const { subnet, range } = parseRangeFlags(input.start, input.end);
    const config =
      input.kind === 'container' ? await addContainerRange(store, { subnet, range }) : await addHostRange(store, { subnet, range }, input.gateway ?? '');
    return { poolId: config.poolId, subnet: formatCidr(config.subnet) };
  });
}

export function releaseAddress(store: Store, address: string, hostId: string): Promise<{ poolId: string; address: string }> {
  return ipamCall(() => releaseAddressByHand(store, address, hostId));
}

export interface GcResult {
  readonly report: GcReport;
  readonly lines: string[];
  readonly freedCount: number;
}

/** gc for the console's engine's host (the one whose containers it can see). */
export async function runGc(store: Store, engine: Engine, hostId: string, input: GcInput): Promise<GcResult> {
  return ipamCall(async () => {
    const report = await collectGarbage(store, { hostId, engine, graceMs: input.graceSeconds * 1000, freeGoneHosts: input.freeGoneHosts });
    return { report, lines: describeReport(report), freedCount: report.freed.length + (report.goneHostsFreed ? report.goneHosts.length : 0) };
  });
}
