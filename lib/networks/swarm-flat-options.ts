// The request that creates a swarm-scoped flat network on the manager: scope swarm, the managed
// IPAM plugin, the flat network's subnet, gateway and router. Docker's allocator on the manager
// asks the plugin for every task's address, from the same etcd pools as standalone containers.
import type { NetworkCreateOptions } from '@/lib/docker/engine-shapes';
import type { SwarmFlatNetworkInput } from './network-schema';

/** SHIPYARD_SWARM_IPAM_DRIVER's default: the managed plugin's alias. */
export const DEFAULT_SWARM_IPAM_DRIVER = 'shipyard-ipam';

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

export function swarmFlatNetworkOptions(input: SwarmFlatNetworkInput, ipamDriver: string): NetworkCreateOptions {
  return {
    Name: input.name,
    CheckDuplicate: true,
    Driver: input.driver,
    Scope: 'swarm',
    // Standalone containers may join it too (docker run --network), as on the local flat network.
    Attachable: true,
    IPAM: {
      Driver: ipamDriver,
      Config: [{ Subnet: input.subnet, Gateway: input.gateway, AuxiliaryAddresses: { DefaultGatewayIPv4: input.router } }],
    },
    Options: driverOptions(input),
    Labels: input.labels,
  };
}
