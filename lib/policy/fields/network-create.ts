import { checkNetworkOptions } from '../checks/network-options';
import { oneOf } from '../checks/values';
import { adminOnly, allowed, listOf, mapOf, struct, type Fields } from '../field-rules';

/** The body of POST /networks/create (NetworkCreateRequest). */
export const NETWORK_CREATE_FIELDS: Fields = {
  Name: allowed(),
  CheckDuplicate: allowed(),
  Driver: allowed(oneOf(['', 'bridge', 'overlay'], 'host, macvlan, ipvlan and plugin drivers act on the host\'s interfaces')),
  Internal: allowed(),
  Attachable: allowed(),
  Ingress: adminOnly("replaces the swarm's routing mesh"),
  IPAM: struct({
    Driver: allowed(),
    Config: listOf(struct({ Subnet: allowed(), IPRange: allowed(), Gateway: allowed(), AuxiliaryAddresses: mapOf(allowed()) })),
    Options: mapOf(allowed()),
  }),
  EnableIPv6: allowed(),
  // Checked with the driver and the interfaces in use (checks/network-options.ts).
  Options: allowed(checkNetworkOptions),
  Labels: mapOf(allowed()),
  // Not in the v1.41 description; the engine's struct has them.
  Scope: allowed(oneOf(['', 'local', 'swarm', 'global'], 'network scopes')),
  ConfigOnly: adminOnly('a config-only network holds options for other networks'),
  ConfigFrom: adminOnly("takes another network's options, which may name host interfaces"),
};
