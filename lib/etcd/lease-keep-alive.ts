// Keeps an etcd lease alive as etcd3 did: a keep-alive every third of its TTL; the lease is lost
// when etcd says it expired, or when no keep-alive got through for a whole TTL.
import type { EtcdWireClient } from './wire/etcd-wire-client';

export interface KeptLease {
  readonly id: string;
  /** Stops the keep-alives and revokes the lease (its keys go at once). */
  revoke(): Promise<void>;
}

export function keepLeaseAlive(client: EtcdWireClient, id: string, ttlSeconds: number, onLost: (reason: Error) => void): KeptLease {
  let lastKept = Date.now();
  let stopped = false;
  let inFlight = false;
  const lose = (reason: Error) => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    onLost(reason);
  };
  const timer = setInterval(
    () => {
      if (inFlight || stopped) return;
      inFlight = true;
      client
        .leaseKeepAlive(id)
        .then(
          (answer) => {
            if (answer.ttl <= 0) lose(new Error(`etcd lease ${id} expired or was revoked`));
            else lastKept = Date.now();
          },
          (error: unknown) => {
            if (Date.now() - lastKept >= ttlSeconds * 1000) {
              lose(new Error(`etcd lease ${id} was not kept alive for ${ttlSeconds} s (${error instanceof Error ? error.message : String(error)})`));
            }
          },
        )
        .finally(() => {
          inFlight = false;
        });
    },
    Math.max(500, (ttlSeconds * 1000) / 3),
  );
  // A lease alone must not keep a process alive.
  timer.unref();
  return {
    id,
    revoke: async () => {
      stopped = true;
      clearInterval(timer);
      await client.leaseRevoke(id);
    },
  };
}
