// The etcd3 client, kept for watches only (a long-lived stream that etcd3 resumes after an outage
// from the last revision it saw). Loaded on the first watch: the IPAM sidecar never watches, so it
// never loads etcd3, gRPC or protobufjs (about 20 MB of memory).
import { rootCertificates } from 'node:tls';
import { ConsecutiveBreaker, circuitBreaker, handleWhen, retry } from 'cockatiel';
import { Etcd3, type IOptions } from 'etcd3';
import { isRecoverableError } from 'etcd3';
import type { EtcdCredentials } from '../config/etcd-credentials';

type Policy = ReturnType<NonNullable<NonNullable<IOptions['faultHandling']>['host']>>;
type PolicyContext = Parameters<Parameters<Policy['execute']>[0]>[0];

// etcd3's default circuit breaker keeps refusing calls for 5 s after etcd comes back, and its
// retries can outlast our bound: our own bound replaces both.
const noEvent = () => ({ dispose: () => undefined });
const neverAborted = new AbortController().signal;
const passthrough: Policy = {
  _altReturn: undefined as never,
  onSuccess: noEvent,
  onFailure: noEvent,
  async execute<T>(fn: (context: PolicyContext) => PromiseLike<T> | T, signal?: AbortSignal): Promise<T> {
    return fn({ signal: signal ?? neverAborted });
  },
};

/** Several members: a dead one is marked for a second and the call moves on once. */
function faultHandlingFor(endpoints: readonly string[]): NonNullable<IOptions['faultHandling']> {
  if (endpoints.length < 2) return { host: () => passthrough, global: passthrough };
  return {
    host: () => circuitBreaker(handleWhen(isRecoverableError), { halfOpenAfter: 1_000, breaker: new ConsecutiveBreaker(1) }),
    global: retry(handleWhen(isRecoverableError), { maxAttempts: 2 }),
  };
}

function securityOptions(credentials: EtcdCredentials | undefined): Pick<IOptions, 'credentials' | 'auth'> {
  const tls = credentials?.tls;
  const auth = credentials?.auth;
  return {
    ...(tls
      ? {
          credentials: {
            // No CA given: the system's, as a browser would.
            rootCertificate: Buffer.from(tls.ca ?? rootCertificates.join('\n')),
            ...(tls.cert !== null && tls.key !== null ? { certChain: Buffer.from(tls.cert), privateKey: Buffer.from(tls.key) } : {}),
          },
        }
      : {}),
    ...(auth ? { auth: { username: auth.username, password: auth.password } } : {}),
  };
}

export function openWatchClient(endpoints: readonly string[], credentials: EtcdCredentials | undefined, timeoutMs: number): Etcd3 {
  return new Etcd3({
    hosts: [...endpoints],
    ...securityOptions(credentials),
    dialTimeout: timeoutMs,
    defaultCallOptions: () => ({ deadline: Date.now() + timeoutMs }),
    faultHandling: faultHandlingFor(endpoints),
    // Reconnect quickly once etcd is back instead of backing off for up to two minutes.
    grpcOptions: { 'grpc.initial_reconnect_backoff_ms': 200, 'grpc.max_reconnect_backoff_ms': 1_000 },
  });
}
