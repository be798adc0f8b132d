// The requests that make a swarm-scoped flat network. Docker treats a swarm-scoped bridge or
// macvlan as node-local: the manager ignores IPAM and driver options given with it (measured:
// the task got 172.21.0.0/16 and no bridge options). The documented way is a config-only network
// on every host (subnet, gateway, router, IPAM driver, bridge or parent options) and the swarm
// network once on the manager with ConfigFrom naming it; each host then instantiates it, asking
// its own IPAM driver (the managed plugin) for every task's address, from the shared etcd pools.
import type { NetworkCreateOptions } from '@/lib/docker/engine-shapes';
import type { SwarmFlatNetworkInput } from './network-schema';
import { SWARM_FLAT_IPAM_DRIVER } from '@/lib/docker/swarm-flat-network';

/** SHIPYARD_SWARM_IPAM_DRIVER's default: the managed plugin's alias as Docker registers it (NAME:TAG). */
export const DEFAULT_SWARM_IPAM_DRIVER = SWARM_FLAT_IPAM_DRIVER;

/** The per-host config-only network's name: the swarm network's ConfigFrom. */
export const configNetworkName = (name: string) => `${name}-config`;

/** The options of each host's network: a bridge on `bridgeName` (the seed's br0), or a macvlan on `parent`. */
function driverOptions(input: SwarmFlatNetworkInput): Record<string, string> {
  if (input.driver === 'macvlan') return { parent: input.parent ?? 'eth0', macvlan_mode: 'bridge', 'com.docker.network.driver.mtu': String(input.mtu) };
  return {
    'com.docker.network.bridge.enable_icc': 'true',
    'com.docker.network.bridge.enable_ip_masquerade': 'false',
    'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
    'com.docker.network.bridge.name': input.bridgeName,
    'com.docker.network.driver.mtu': String(input.mtu),
  };
}

/** On every host: the configuration the swarm network takes there (its own gateway when given). */
export function swarmFlatConfigOptions(input: SwarmFlatNetworkInput, ipamDriver: string, gateway = input.gateway): NetworkCreateOptions {
  return {
    Name: configNetworkName(input.name),
    CheckDuplicate: true,
    ConfigOnly: true,
    IPAM: { Driver: ipamDriver, Config: [{ Subnet: input.subnet, Gateway: gateway, AuxiliaryAddresses: { DefaultGatewayIPv4: input.router } }] },
    Options: driverOptions(input),
    Labels: input.labels,
  };
}

/** Once, on the manager: the swarm-scoped network, configured from each host's config-only network. */
export function swarmFlatNetworkOptions(input: SwarmFlatNetworkInput): NetworkCreateOptions {
  return {
    Name: input.name,
    CheckDuplicate: true,
    Driver: input.driver,
    Scope: 'swarm',
    // Standalone containers may join it too (docker run --network), as on the local flat network.
    Attachable: true,
    // Docker refuses anything else beside ConfigFrom ("user specified configurations are not
    // supported"), labels included: they go on the config-only networks.
    ConfigFrom: { Network: configNetworkName(input.name) },
  };
}
