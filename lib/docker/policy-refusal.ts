import { AppError, type AppErrorCode } from '@/lib/errors/app-error';

const CODES = { 400: 'BAD_REQUEST', 403: 'FORBIDDEN', 404: 'NOT_FOUND' } as const satisfies Record<number, AppErrorCode>;

/**
 * The policy (lib/policy) refused a request to an engine: 403 not for this caller, 400 a request
 * the engine would read otherwise than it looks, 404 no such endpoint or object. Names the field,
 * query parameter or path part refused, so the REST API's one error path answers with it.
 */
export class PolicyRefusedError extends AppError {
  /** As dockerode's errors carry it: code that reads a 404 as "none" reads the policy's the same way. */
  readonly statusCode: number;

  constructor(
    readonly status: keyof typeof CODES,
    readonly reason: string,
    readonly field?: string,
  ) {
    super(CODES[status], field ? `Shipyard refuses ${field}: ${reason}` : `Shipyard refuses this request: ${reason}`, field ? { fields: [{ path: field, message: reason }] } : {});
    this.statusCode = status;
  }
}
