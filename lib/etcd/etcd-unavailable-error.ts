/** An etcd call failed or did not answer within its bound. Retrying later may succeed. */
export class EtcdUnavailableError extends Error {
  readonly code = 'ETCD_UNAVAILABLE';
  readonly retryable = true;

  constructor(message: string) {
    super(message);
    this.name = 'EtcdUnavailableError';
  }
}
