// Flannel v2's etcd values (etcd v3 API) parsed at one boundary: <prefix>config and
// <prefix>subnets/<a.b.c.d-len>. Anything else is reported as a problem, never thrown.
import { z } from 'zod';
import type { FlannelConfigView, FlannelLeaseView } from './types';

const octet = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const ipv4 = new RegExp(`^${octet}(\\.${octet}){3}$`);
const leaseKey = new RegExp(`^(${octet}(?:\\.${octet}){3})-([0-9]|[12]\\d|3[0-2])$`);

const configShape = z.object({
  Network: z.string().regex(/^[\d.]+\/\d{1,2}$/),
  SubnetLen: z.number().int().min(0).max(32).optional(),
  Backend: z.object({ Type: z.string().optional() }).loose().optional(),
});

const leaseShape = z.object({
  PublicIP: z.string().regex(ipv4),
  BackendType: z.string().optional(),
  BackendData: z.record(z.string(), z.unknown()).nullable().optional(),
});

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

function json(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function parseFlannelConfig(text: string): Parsed<FlannelConfigView> {
  const parsed = configShape.safeParse(json(text));
  if (!parsed.success) return { ok: false, problem: 'config: not Flannel network JSON ({"Network": "10.5.0.0/16", "SubnetLen": 24, "Backend": {"Type": "vxlan"}})' };
  const { Network, SubnetLen, Backend } = parsed.data;
  return { ok: true, value: { network: Network, subnetLen: SubnetLen ?? 24, backendType: Backend?.Type ?? 'udp' } };
}

/** Backend data as short words: scalars as "Key value", nested values as JSON. */
function backendWords(data: Record<string, unknown> | null | undefined): string {
  return Object.entries(data ?? {})
    .map(([key, value]) => `${key} ${typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value)}`)
    .join(' · ');
}

/** `name` is the key after <prefix>subnets/, e.g. 10.5.34.0-24. */
export function parseFlannelLease(name: string, text: string, expiresInSeconds: number | null): Parsed<FlannelLeaseView> {
  const key = leaseKey.exec(name);
  if (!key) return { ok: false, problem: `subnets/${name}: not a subnet key (a.b.c.d-len)` };
  const parsed = leaseShape.safeParse(json(text));
  if (!parsed.success) return { ok: false, problem: `subnets/${name}: not a Flannel lease ({"PublicIP": "…", "BackendType": "…", "BackendData": {…}})` };
  return {
    ok: true,
    value: {
      subnet: `${key[1]}/${key[key.length - 1]}`,
      publicIp: parsed.data.PublicIP,
      backendType: parsed.data.BackendType ?? 'unknown',
      backendData: backendWords(parsed.data.BackendData),
      expiresInSeconds,
    },
  };
}

/** Subnets in address order (10.5.9.0 before 10.5.10.0). */
export function compareSubnets(a: FlannelLeaseView, b: FlannelLeaseView): number {
  const value = (subnet: string) => (subnet.split('/')[0] ?? '').split('.').reduce((total, part) => total * 256 + Number(part), 0);
  return value(a.subnet) - value(b.subnet);
}
