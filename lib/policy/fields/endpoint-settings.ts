import { containerLinks } from '../checks/mounts';
import { endpointNetworkKey } from '../checks/namespace-modes';
import { adminOnly, allowed, mapOf, refused, struct, type Fields, type FieldRule } from '../field-rules';

const SET_BY_ENGINE = 'the engine sets it';

/** EndpointSettings: a container's attachment to one network. */
export const ENDPOINT_SETTINGS: FieldRule = struct({
  IPAMConfig: struct({ IPv4Address: allowed(), IPv6Address: allowed(), LinkLocalIPs: allowed() }),
  Links: allowed(containerLinks),
  Aliases: allowed(),
  NetworkID: refused(SET_BY_ENGINE),
  EndpointID: refused(SET_BY_ENGINE),
  Gateway: refused(SET_BY_ENGINE),
  IPAddress: refused(SET_BY_ENGINE),
  IPPrefixLen: refused(SET_BY_ENGINE),
  IPv6Gateway: refused(SET_BY_ENGINE),
  GlobalIPv6Address: refused(SET_BY_ENGINE),
  GlobalIPv6PrefixLen: refused(SET_BY_ENGINE),
  MacAddress: allowed(),
  DriverOpts: adminOnly("endpoint driver options are handed to the network driver, which acts on the host's interfaces"),
});

/** NetworkingConfig: the networks of a new container, each resolved and forwarded by id. */
export const NETWORKING_CONFIG_FIELDS: Fields = {
  EndpointsConfig: mapOf(ENDPOINT_SETTINGS, endpointNetworkKey),
};
