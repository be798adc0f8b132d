import { AppError } from '@/lib/errors/app-error';

/** 409: no host can take the container; one line per host says why (also as `host` field errors). */
export class NoHostFitsError extends AppError {
  static override readonly brand: string = 'NoHostFitsError';
  constructor(readonly reasons: readonly string[]) {
    super('CONFLICT', `No host fits this container:\n${reasons.join('\n')}`, { fields: reasons.map((reason) => ({ path: 'host', message: reason })) });
  }
}
