// One error class per failure, each with a stable `code`, so callers (the plugin server, the CLI,
// tests) branch on the code and users read the message, which always says what to do next.

export abstract class IpamError extends Error {
  abstract readonly code: string;
  /** Retrying later may succeed (etcd down, a race lost too many times). */
  readonly retryable: boolean = false;
}

export class InvalidRequestError extends IpamError {
  readonly code = 'IPAM_INVALID_REQUEST';
}

export class InvalidCidrError extends IpamError {
  readonly code = 'IPAM_INVALID_CIDR';
}

export class InvalidRangeError extends IpamError {
  readonly code = 'IPAM_INVALID_RANGE';
}

export class OverlappingRangeError extends IpamError {
  readonly code = 'IPAM_OVERLAPPING_RANGE';
}

export class PoolNotConfiguredError extends IpamError {
  readonly code = 'IPAM_POOL_NOT_CONFIGURED';
}

export class UnknownPoolError extends IpamError {
  readonly code = 'IPAM_UNKNOWN_POOL';
}

export class PoolExhaustedError extends IpamError {
  readonly code = 'IPAM_POOL_EXHAUSTED';
}

export class AddressTakenError extends IpamError {
  readonly code = 'IPAM_ADDRESS_TAKEN';
}

export class AddressOutOfPoolError extends IpamError {
  readonly code = 'IPAM_ADDRESS_OUT_OF_POOL';
}

export class HostAddressUnknownError extends IpamError {
  readonly code = 'IPAM_HOST_ADDRESS_UNKNOWN';
}

export class StoreUnavailableError extends IpamError {
  readonly code = 'IPAM_STORE_UNAVAILABLE';
  override readonly retryable = true;
}

export class ContentionError extends IpamError {
  readonly code = 'IPAM_CONTENTION';
  override readonly retryable = true;
}

export class CorruptRecordError extends IpamError {
  readonly code = 'IPAM_CORRUPT_RECORD';
}

export class EngineUnavailableError extends IpamError {
  readonly code = 'IPAM_ENGINE_UNAVAILABLE';
  override readonly retryable = true;
}

export function isIpamError(error: unknown): error is IpamError {
  return error instanceof IpamError;
}
