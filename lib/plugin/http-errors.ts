// How failures become protocol replies: a non-200 status and {"Err": message}. Docker shows the
// message to the user as is, so every message says what to do.
import { IpamError, type IpamErrorCode } from '../ipam/errors';

const statusByCode: Record<IpamErrorCode, number> = {
  IPAM_INVALID_REQUEST: 400,
  IPAM_INVALID_CIDR: 400,
  IPAM_INVALID_RANGE: 400,
  IPAM_OVERLAPPING_RANGE: 409,
  IPAM_ADDRESS_TAKEN: 409,
  IPAM_ADDRESS_OUT_OF_POOL: 400,
  IPAM_POOL_NOT_CONFIGURED: 404,
  IPAM_UNKNOWN_POOL: 404,
  IPAM_POOL_EXHAUSTED: 507,
  IPAM_STORE_UNAVAILABLE: 503,
  IPAM_CONTENTION: 503,
  // Not raised by protocol calls (console-side checks, or a bug): Docker shows the message either way.
  IPAM_HOST_ADDRESS_UNKNOWN: 500,
  IPAM_CORRUPT_RECORD: 500,
  IPAM_ENGINE_UNAVAILABLE: 500,
};

export interface ErrorReply {
  status: number;
  body: { Err: string };
}

export function errorReply(error: unknown): ErrorReply {
  if (error instanceof IpamError) {
    return { status: statusByCode[error.code], body: { Err: error.message } };
  }
  const reason = error instanceof Error ? error.message : String(error);
  return { status: 500, body: { Err: `the IPAM plugin failed unexpectedly (${reason}): check the plugin's log and retry` } };
}
