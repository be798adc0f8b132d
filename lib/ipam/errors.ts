// One error class per failure, each with a stable `code`, so callers (the plugin server, the CLI,
// tests) branch on the code and users read the message, which always says what to do next.

/** Every code an IpamError carries. The tables that map codes (lib/plugin/http-errors.ts,
 *  lib/ipam-view/ipam-errors.ts) are typed on this union, so a new code must be placed in each. */
export type IpamErrorCode =
  | 'IPAM_INVALID_REQUEST'
  | 'IPAM_INVALID_CIDR'
  | 'IPAM_INVALID_RANGE'
  | 'IPAM_OVERLAPPING_RANGE'
  | 'IPAM_POOL_NOT_CONFIGURED'
  | 'IPAM_UNKNOWN_POOL'
  | 'IPAM_POOL_EXHAUSTED'
  | 'IPAM_ADDRESS_TAKEN'
  | 'IPAM_ADDRESS_OUT_OF_POOL'
  | 'IPAM_HOST_ADDRESS_UNKNOWN'
  | 'IPAM_STORE_UNAVAILABLE'
  | 'IPAM_CONTENTION'
  | 'IPAM_CORRUPT_RECORD'
  | 'IPAM_ENGINE_UNAVAILABLE';

export abstract class IpamError extends Error {
  abstract readonly code: IpamErrorCode;
  /** Retrying later may succeed (etcd down, a race lost too many times). */
  readonly retryable: boolean = false;
}

/** A named IpamError subclass with a fixed code; `instanceof` works on it like on a written-out class. */
function ipamError<Code extends IpamErrorCode>(name: string, code: Code, retryable = false) {
  const ErrorClass = class extends IpamError {
    readonly code: Code = code;
    override readonly retryable: boolean = retryable;
  };
  Object.defineProperty(ErrorClass, 'name', { value: name });
  return ErrorClass;
}

export const InvalidRequestError = ipamError('InvalidRequestError', 'IPAM_INVALID_REQUEST');
export const InvalidCidrError = ipamError('InvalidCidrError', 'IPAM_INVALID_CIDR');
export const InvalidRangeError = ipamError('InvalidRangeError', 'IPAM_INVALID_RANGE');
export const OverlappingRangeError = ipamError('OverlappingRangeError', 'IPAM_OVERLAPPING_RANGE');
export const PoolNotConfiguredError = ipamError('PoolNotConfiguredError', 'IPAM_POOL_NOT_CONFIGURED');
export const UnknownPoolError = ipamError('UnknownPoolError', 'IPAM_UNKNOWN_POOL');
export const PoolExhaustedError = ipamError('PoolExhaustedError', 'IPAM_POOL_EXHAUSTED');
export const AddressTakenError = ipamError('AddressTakenError', 'IPAM_ADDRESS_TAKEN');
export const AddressOutOfPoolError = ipamError('AddressOutOfPoolError', 'IPAM_ADDRESS_OUT_OF_POOL');
export const HostAddressUnknownError = ipamError('HostAddressUnknownError', 'IPAM_HOST_ADDRESS_UNKNOWN');
export const StoreUnavailableError = ipamError('StoreUnavailableError', 'IPAM_STORE_UNAVAILABLE', true);
export const ContentionError = ipamError('ContentionError', 'IPAM_CONTENTION', true);
export const CorruptRecordError = ipamError('CorruptRecordError', 'IPAM_CORRUPT_RECORD');
export const EngineUnavailableError = ipamError('EngineUnavailableError', 'IPAM_ENGINE_UNAVAILABLE', true);

export type PoolExhaustedError = InstanceType<typeof PoolExhaustedError>;
export type StoreUnavailableError = InstanceType<typeof StoreUnavailableError>;

export function isIpamError(error: unknown): error is IpamError {
  return error instanceof IpamError;
}
