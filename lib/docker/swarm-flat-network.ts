// Relative imports: the IPAM sidecar's bundle loads this file too.
// A swarm-scoped flat network (docs/managed-plugin.md): macvlan on each host's br0, the managed
// plugin as IPAM. Swarm gives a node-local driver (macvlan, bridge) neither its options nor an
// IPAM config: each node creates the network from a config-only network of its own, named here
// NAME-config, which carries the parent interface, the subnet, the router and the IPAM driver.
import type { NetworkCreateOptions } from './engine-shapes';

/** Docker registers a managed plugin as NAME:TAG, and a network must name its IPAM driver so. */
export const SWARM_FLAT_IPAM_DRIVER = 'shipyard-ipam:latest';

export interface SwarmFlatNetworkSpec {
  readonly name: string;
  readonly ipamDriver: string;
  /** The pool's subnet, e.g. 10.199.0.0/24. */
  readonly subnet: string;
  /** The LAN's router: the containers' default gateway (no host holds it, unlike a bridge's gateway). */
  readonly router: string;
  /** The interface macvlan hangs off: the seed's br0, which holds the host's address. */
  readonly parent: string;
}

export function configNetworkName(name: string): string {
  return `${name}-config`;
}

/** The config-only network each host needs before a task of the swarm network can start there. */
export function swarmFlatConfigOptions(spec: SwarmFlatNetworkSpec): NetworkCreateOptions {
  return {
    Name: configNetworkName(spec.name),
    CheckDuplicate: true,
    ConfigOnly: true,
    IPAM: { Driver: spec.ipamDriver, Config: [{ Subnet: spec.subnet, Gateway: spec.router }] },
    Options: { parent: spec.parent },
  };
}

/** The swarm network itself, made once on a manager. */
export function swarmFlatNetworkOptions(spec: SwarmFlatNetworkSpec): NetworkCreateOptions {
  return {
    Name: spec.name,
    CheckDuplicate: true,
    Driver: 'macvlan',
    Scope: 'swarm',
    ConfigFrom: { Network: configNetworkName(spec.name) },
  };
}
