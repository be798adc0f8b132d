// The admin actions on the pools, through the same library functions as the shipyard-ipam CLI
// (ip-range, host-range, release-ip, gc). Inputs are validated here; the library refuses
// overlaps, reversed ranges and the like with messages that say what to fix.
import { z } from 'zod';
import type { Engine } from '@/lib/ipam/engine';
import { type GcReport, collectGarbage, describeReport } from '@/lib/ipam/gc';
import { formatCidr } from '@/lib/ipam/ipv4';
import { parseRangeFlags } from '@/lib/ipam/ranges';
import { releaseAddressByHand } from '@/lib/ipam/release-address';
import type { Store } from '@/lib/ipam/store';
import { addContainerRange, addHostRange } from '@/lib/ipam/subnet-config';
import { ipamCall } from './ipam-errors';

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const addressWithPrefix = z
  .string()
  .trim()
  .refine((text) => {
    const [address, length, ...rest] = text.split('/');
    return rest.length === 0 && ipv4.test(address ?? '') && /^([0-9]|[12]\d|3[0-2])$/.test(length ?? '');
  }, 'Write an IPv4 address with its prefix length, e.g. 10.199.0.10/24');

export const addRangeSchema = z
  .object({
    kind: z.enum(['container', 'host'], { message: 'Choose container (addresses for docker run) or host (addresses of the Docker hosts)' }),
    start: addressWithPrefix,
    end: addressWithPrefix,
    gateway: z.string().trim().regex(ipv4, "Write the router's IPv4 address, e.g. 10.199.0.254").optional(),
  })
  .refine((input) => input.kind === 'container' || input.gateway !== undefined, {
    path: ['gateway'],
    message: "A host range needs the router's address (the flat network's DefaultGatewayIPv4)",
  });
export type AddRangeInput = z.infer<typeof addRangeSchema>;

export const releaseAddressSchema = z.object({
  address: z.string().trim().regex(ipv4, 'Write the IPv4 address to free, e.g. 10.199.0.12'),
});

export const gcSchema = z.object({
  freeGoneHosts: z.boolean().default(false),
  graceSeconds: z.number().int().min(0).max(86_400).default(600),
});
export type GcInput = z.infer<typeof gcSchema>;

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
