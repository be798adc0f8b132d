// Each running plugin instance keeps live/<host> bound to an etcd lease: when the instance (or
// its machine) dies, the key expires and `gc` can tell a gone host from a live one. After etcd
// comes back from an outage, the lease is granted again.
import { keys } from './keys';
import { encode } from './records';
import type { LeaseHandle, Store } from './store';

export const LIVENESS_TTL_SECONDS = 15;
const RETRY_MS = 2_000;

export class Liveness {
  private lease: LeaseHandle | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly hostId: string,
    private readonly docker: string | undefined,
    private readonly report: (message: string) => void,
  ) {}

  start(): void {
    void this.attempt();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.lease?.revoke();
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    try {
      const lease = await this.store.grantLease(LIVENESS_TTL_SECONDS, (error) => {
        this.report(`liveness lease lost (${error.message}); granting a new one`);
        this.lease = undefined;
        this.schedule();
      });
      this.lease = lease;
      const record = { host: this.hostId, pid: process.pid, since: new Date().toISOString(), ...(this.docker ? { docker: this.docker } : {}) };
      await this.store.put(keys.liveHost(this.hostId), encode(record), lease.id);
      if (this.stopped) await lease.revoke();
    } catch (error) {
      // Do not keep alive a lease whose key was never written.
      await this.lease?.revoke();
      this.lease = undefined;
      this.report(`cannot register host ${this.hostId} as live: ${error instanceof Error ? error.message : String(error)}`);
      this.schedule();
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.attempt(), RETRY_MS);
    this.retry.unref();
  }
}
