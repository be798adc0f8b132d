// The IPAM driver as the server sees it: six methods, so the transport can be tested with a fake.
import type {
  AddressSpacesResponse,
  CapabilitiesResponse,
  ReleaseAddressRequest,
  ReleasePoolRequest,
  RequestAddressRequest,
  RequestAddressResponse,
  RequestPoolRequest,
  RequestPoolResponse,
} from './protocol';

export interface IpamDriver {
  getCapabilities(): Promise<CapabilitiesResponse>;
  getDefaultAddressSpaces(): Promise<AddressSpacesResponse>;
  requestPool(request: RequestPoolRequest): Promise<RequestPoolResponse>;
  releasePool(request: ReleasePoolRequest): Promise<void>;
  requestAddress(request: RequestAddressRequest): Promise<RequestAddressResponse>;
  releaseAddress(request: ReleaseAddressRequest): Promise<void>;
}
