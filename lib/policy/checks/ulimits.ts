// Ulimits: the engine (root) sets any limit asked. RLIMIT_RTPRIO and RLIMIT_NICE let an
// unprivileged process raise its scheduling priority (real-time FIFO starves the host's CPUs where
// the cgroup does not cap real-time time); RLIMIT_RTTIME goes with them. The rest only bound the
// container itself.
import type { FieldAt } from '../field-rules';
import { refuse } from '../refusal';
import { asString } from './values';

const SCHEDULING_LIMITS = new Set(['rtprio', 'rttime', 'nice']);

export function checkUlimit(ulimit: Record<string, unknown>, at: FieldAt): void {
  const name = ulimit.Name === undefined ? '' : asString(ulimit.Name, { ...at, path: `${at.path}.Name` });
  if (SCHEDULING_LIMITS.has(name.trim().toLowerCase())) refuse(403, `only an admin may set the ${name} limit: it raises scheduling priority above the host's processes`, `${at.path}.Name`);
}
