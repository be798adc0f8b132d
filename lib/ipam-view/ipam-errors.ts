// The sidecar library's errors, in the console's terms: same message, an HTTP-meaningful code.
import { AppError, type AppErrorCode } from '@/lib/errors/app-error';
import { IpamError, type IpamErrorCode } from '@/lib/ipam/errors';

const codeFor: Record<IpamErrorCode, AppErrorCode> = {
  IPAM_INVALID_REQUEST: 'VALIDATION_FAILED',
  IPAM_INVALID_CIDR: 'VALIDATION_FAILED',
  IPAM_INVALID_RANGE: 'VALIDATION_FAILED',
  IPAM_HOST_ADDRESS_UNKNOWN: 'VALIDATION_FAILED',
  IPAM_ADDRESS_OUT_OF_POOL: 'VALIDATION_FAILED',
  IPAM_OVERLAPPING_RANGE: 'CONFLICT',
  IPAM_ADDRESS_TAKEN: 'CONFLICT',
  IPAM_CONTENTION: 'CONFLICT',
  IPAM_POOL_EXHAUSTED: 'CONFLICT',
  IPAM_POOL_NOT_CONFIGURED: 'NOT_FOUND',
  IPAM_UNKNOWN_POOL: 'NOT_FOUND',
  IPAM_STORE_UNAVAILABLE: 'ETCD_UNAVAILABLE',
  IPAM_ENGINE_UNAVAILABLE: 'DOCKER_UNAVAILABLE',
  // A record in etcd the library cannot read: a bug or a hand edit, not the caller's mistake.
  IPAM_CORRUPT_RECORD: 'INTERNAL',
};

function isIpamErrorCode(code: string): code is IpamErrorCode {
  return Object.hasOwn(codeFor, code);
}

/**
 * The IPAM code of an error, by its code rather than its class: Next bundles lib/ipam into more
 * than one chunk, and the process-wide store (console-ipam.ts) throws the classes of whichever
 * chunk created it, which `instanceof` in another chunk does not recognise.
 */
function ipamCode(error: unknown): string | undefined {
  if (error instanceof IpamError) return error.code;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('IPAM_')) return error.code;
  return undefined;
}

export function translateIpamError(error: unknown): unknown {
  const code = ipamCode(error);
  if (code === undefined || !(error instanceof Error)) return error;
  // An IPAM_ code this copy of the library does not know (another version's): an internal error.
  return new AppError(isIpamErrorCode(code) ? codeFor[code] : 'INTERNAL', error.message, { cause: error });
}

/** Runs an IPAM library call, answering its errors as AppErrors. */
export async function ipamCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw translateIpamError(error);
  }
}
