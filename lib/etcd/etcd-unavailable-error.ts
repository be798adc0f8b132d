import { AppError } from '@/errors/app-error';

/** An etcd call failed or did not answer within its bound: a 503 naming etcd. Retrying later may succeed. */
export class EtcdUnavailableError extends AppError {
  static override readonly brand: string = 'EtcdUnavailableError';
  readonly retryable = true;

  constructor(message: string) {
    super('ETCD_UNAVAILABLE', message);
  }
}
