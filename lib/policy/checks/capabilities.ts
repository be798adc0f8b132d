// Kubernetes Pod Security Standards (baseline): a workload may add only these capabilities.
import type { ValueCheck } from '../field-rules';
import { refuse } from '../refusal';
import { asStringList } from './values';

export const BASELINE_CAPABILITIES: readonly string[] = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
];

/** The engine accepts `net_admin`, `CAP_NET_ADMIN` and `ALL` alike: compare in its normal form. */
export function normalCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

/** CapAdd / CapabilityAdd: only the baseline list, forwarded as CAP_<NAME>. */
export const baselineCapabilities: ValueCheck = (value, at) =>
  asStringList(value, at).map((name, index) => {
    const normal = normalCapability(name);
    if (!BASELINE_CAPABILITIES.includes(normal)) {
      refuse(403, `adding ${name} is admin-only; a non-admin may add only: ${BASELINE_CAPABILITIES.join(', ')} (Kubernetes baseline)`, `${at.path}[${index}]`);
    }
    return `CAP_${normal}`;
  });
