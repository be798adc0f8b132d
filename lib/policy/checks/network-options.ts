// Driver options of a new network. A bridge named like an existing interface takes it over: a
// network created with bridge name docker0 made the engine drop the default bridge's state. A
// non-admin may name a bridge only something no network or host interface uses, and may set only
// the options the flat network (lib/ipam/engine.ts flatNetworkOptions) and overlays need.
import type { ValueCheck } from '../field-rules';
import { refuse } from '../refusal';
import { asStringMap } from './values';

export const BRIDGE_NAME_OPTION = 'com.docker.network.bridge.name';

/** Options open to a non-admin: the flat network's, and an overlay's encryption. */
export const OPEN_NETWORK_OPTIONS: readonly string[] = [
  BRIDGE_NAME_OPTION,
  'com.docker.network.bridge.enable_icc',
  'com.docker.network.bridge.enable_ip_masquerade',
  'com.docker.network.bridge.host_binding_ipv4',
  'com.docker.network.driver.mtu',
  'com.docker.network.container_iface_prefix',
  'encrypted',
];

/** Interface names Docker or the host use for themselves, whatever exists right now. */
const RESERVED_INTERFACES = ['docker0', 'docker_gwbridge', 'lo', 'ingress_sbox'];
const RESERVED_PREFIXES = ['br-', 'veth', 'vx-', 'ov-', 'vxlan', 'docker', 'eth', 'en', 'wl', 'ww', 'bond', 'team', 'tun', 'tap', 'virbr', 'flannel', 'cni', 'cali', 'weave', 'tunl'];
const INTERFACE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$/;

/** Why a bridge name may not be used, or null. */
export function bridgeNameProblem(name: string, inUse: readonly string[]): string | null {
  if (!INTERFACE_NAME.test(name)) return 'a bridge name is 1 to 15 letters, digits, dots, dashes or underscores';
  const lower = name.toLowerCase();
  if (RESERVED_INTERFACES.includes(lower)) return `${name} is an interface Docker or the host uses`;
  const prefix = RESERVED_PREFIXES.find((each) => lower.startsWith(each));
  if (prefix) return `names starting with ${prefix} are Docker's or the host's interfaces`;
  if (inUse.some((each) => each.toLowerCase() === lower)) return `${name} is already an interface on that host (another network's bridge, or the host's own)`;
  return null;
}

export const checkNetworkOptions: ValueCheck = (value, at) => {
  const options = asStringMap(value, at);
  for (const name of Object.keys(options)) {
    if (!OPEN_NETWORK_OPTIONS.includes(name)) {
      refuse(403, `the driver option ${name} is admin-only; a non-admin may set: ${OPEN_NETWORK_OPTIONS.join(', ')}`, `${at.path}.${name}`);
    }
  }
  const bridgeName = options[BRIDGE_NAME_OPTION];
  if (bridgeName !== undefined) {
    const path = `${at.path}.${BRIDGE_NAME_OPTION}`;
    const early = bridgeNameProblem(bridgeName, []);
    if (early) refuse(403, `only an admin may use this bridge name: ${early}`, path);
    at.context.references.push(async (resolver) => {
      const problem = bridgeNameProblem(bridgeName, await resolver.interfacesInUse());
      if (problem) refuse(403, `only an admin may use this bridge name: ${problem}`, path);
    });
  }
  return options;
};
