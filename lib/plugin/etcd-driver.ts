// The driver backed by the etcd allocator: maps Docker's request fields onto allocator requests.
import type { AddressKind, Allocator } from '../ipam/allocator';
import { InvalidRequestError } from '../ipam/errors';
import { stickyOfOptions } from '../ipam/sticky';
import type { IpamDriver } from './driver';
import {
  GATEWAY_REQUEST_TYPE,
  MAC_OPTION,
  REQUEST_ADDRESS_TYPE_OPTION,
  type RequestAddressRequest,
  parseMac,
} from './protocol';

export const ADDRESS_SPACES = { LocalDefaultAddressSpace: 'ShipyardLocal', GlobalDefaultAddressSpace: 'ShipyardGlobal' };

/**
 * Docker sends the gateway with RequestAddressType, and each --aux-address with an address and no
 * options at all; a container's request always carries its MAC because we require it.
 */
export function addressKindOf(request: RequestAddressRequest, mac: string | undefined): AddressKind {
  if (request.Options?.[REQUEST_ADDRESS_TYPE_OPTION] === GATEWAY_REQUEST_TYPE) return 'gateway';
  if (!mac && request.Address) return 'aux';
  return 'container';
}

export class EtcdIpamDriver implements IpamDriver {
  constructor(
    private readonly allocator: Allocator,
    /** Called when a release parked a sticky address: someone should check its container still exists. */
    private readonly onParked: () => void = () => undefined,
  ) {}

  async getCapabilities() {
    return { RequiresMACAddress: true, RequiresRequestReplay: false };
  }

  async getDefaultAddressSpaces() {
    return ADDRESS_SPACES;
  }

  async requestPool(request: Parameters<IpamDriver['requestPool']>[0]) {
    const { poolId, pool } = await this.allocator.requestPool({
      pool: request.Pool ?? '',
      subPool: request.SubPool ?? undefined,
      v6: request.V6 ?? false,
      sticky: stickyOfOptions(request.Options),
    });
    return { PoolID: poolId, Pool: pool, Data: {} };
  }

  async releasePool(request: Parameters<IpamDriver['releasePool']>[0]) {
    await this.allocator.releasePool(request.PoolID);
  }

  async requestAddress(request: RequestAddressRequest) {
    const macText = request.Options?.[MAC_OPTION];
    const mac = parseMac(macText);
    if (macText && !mac) {
      throw new InvalidRequestError(`option ${MAC_OPTION}="${macText}" is not a MAC address: pass one like 02:42:0a:c7:00:0a`);
    }
    const address = await this.allocator.requestAddress({
      poolId: request.PoolID,
      address: request.Address || undefined,
      mac,
      kind: addressKindOf(request, mac),
    });
    return { Address: address, Data: {} };
  }

  async releaseAddress(request: Parameters<IpamDriver['releaseAddress']>[0]) {
    if ((await this.allocator.releaseAddress(request.PoolID, request.Address)) === 'parked') this.onParked();
  }
}
