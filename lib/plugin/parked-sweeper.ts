// Frees parked addresses (lib/ipam/sticky.ts) whose container is gone: shortly after each park
// (a container without a created-with MAC never asks for its MAC again) and at every container
// `destroy` event of this host's engine. One sweep at a time; a request during a sweep runs one more.
import type { Engine } from '../ipam/engine';
import { freeOrphanedParked } from '../ipam/sticky';
import type { Store } from '../ipam/store';
import type { Logger } from './log';

/** Long enough for the daemon to finish the stop it released the address for. */
const SETTLE_MS = 300;
/** Once more after a park, in case the engine still listed the stopping container at the first look. */
const RECHECK_MS = 5_000;

export interface ParkedSweeper {
  schedule(): void;
  /** After a park: sweep soon, and once more a little later. */
  parked(): void;
  stop(): void;
}

export function startParkedSweeper(store: Store, hostId: string, engine: Engine, log: Logger): ParkedSweeper {
  let timer: NodeJS.Timeout | undefined;
  let recheck: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let stopped = false;
  const sweep = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      for (const freed of await freeOrphanedParked(store, hostId, engine)) {
        log.info(`freed parked ${freed.address} (pool ${freed.poolId}, MAC ${freed.mac}): no container has its MAC`);
      }
    } catch (error) {
      log.error(`sweeping parked addresses failed (gc retries): ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
      if (again && !stopped) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void sweep();
    }, SETTLE_MS);
    timer.unref();
  };
  const unsubscribe = engine.onContainerDestroyed?.(schedule);
  schedule();
  return {
    schedule,
    parked() {
      schedule();
      clearTimeout(recheck);
      recheck = setTimeout(schedule, RECHECK_MS);
      recheck.unref();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(recheck);
      unsubscribe?.();
    },
  };
}
