import type { PolicyRefusal, RefusalStatus } from './types';

/** Thrown inside the policy to stop at the first refusal; evaluateEngineRequest turns it into a decision. */
export class RefusedRequest extends Error {
  constructor(
    readonly status: RefusalStatus,
    readonly reason: string,
    readonly field?: string,
  ) {
    super(field ? `${field}: ${reason}` : reason);
  }

  toDecision(): PolicyRefusal {
    return this.field === undefined
      ? { allow: false, status: this.status, reason: this.reason }
      : { allow: false, status: this.status, field: this.field, reason: this.reason };
  }
}

export function refuse(status: RefusalStatus, reason: string, field?: string): never {
  throw new RefusedRequest(status, reason, field);
}
