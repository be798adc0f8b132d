// Kubernetes Pod Security Standards (baseline): only these namespaced sysctls, which cannot
// reach other containers or the host.
import type { ValueCheck } from '../field-rules';
import { refuse } from '../refusal';
import { asStringMap } from './values';

export const SAFE_SYSCTLS: readonly string[] = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];

/** The engine and runc accept net/ipv4/x for net.ipv4.x. */
export const normalSysctl = (name: string): string => name.trim().replace(/\//g, '.');

export const safeSysctls: ValueCheck = (value, at) => {
  const sysctls = asStringMap(value, at);
  for (const name of Object.keys(sysctls)) {
    if (!SAFE_SYSCTLS.includes(normalSysctl(name))) {
      refuse(403, `the sysctl ${name} is admin-only; a non-admin may set only: ${SAFE_SYSCTLS.join(', ')} (Kubernetes baseline)`, `${at.path}.${name}`);
    }
  }
  return sysctls;
};
