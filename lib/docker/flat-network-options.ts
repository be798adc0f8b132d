// Relative imports: the IPAM sidecar's bundle loads this file too.
import type { FlatNetworkSpec } from '../ipam/engine';
import type { NetworkCreateOptions } from './engine-shapes';

/** The seed's flat-network options, exactly (docs/ipam.md): the console and the sidecar's create-network both use them. */
export function flatNetworkOptions(spec: FlatNetworkSpec): NetworkCreateOptions {
  return {
    Name: spec.name,
    CheckDuplicate: true,
    Driver: 'bridge',
    IPAM: {
      Driver: spec.ipamDriver,
      Config: [{ Subnet: spec.subnet, Gateway: spec.gateway, AuxiliaryAddresses: { DefaultGatewayIPv4: spec.router } }],
    },
    Options: {
      'com.docker.network.bridge.enable_icc': 'true',
      'com.docker.network.bridge.enable_ip_masquerade': 'false',
      'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
      'com.docker.network.bridge.name': spec.bridgeName,
      'com.docker.network.driver.mtu': String(spec.mtu),
    },
  };
}
