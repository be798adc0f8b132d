// One running plugin instance: etcd store, allocator, protocol server on its socket, liveness
// lease and periodic gc. `stop()` undoes all of it, removing the socket.
import type { Server } from 'node:http';
import { Allocator } from '../ipam/allocator';
import type { Engine } from '../ipam/engine';
import { Liveness } from '../ipam/liveness';
import type { EtcdCredentials } from '../config/etcd-credentials';
import { Store } from '../ipam/store';
import { EtcdIpamDriver } from './etcd-driver';
import type { Logger } from './log';
import { type ParkedSweeper, startParkedSweeper } from './parked-sweeper';
import { closeServer, createPluginServer, listenOnSocket } from './server';

export interface SidecarOptions {
  readonly endpoints: readonly string[];
  readonly credentials?: EtcdCredentials;
  readonly prefix: string;
  readonly socketPath: string;
  readonly hostId: string;
  readonly docker?: string;
  /** This host's engine: frees parked (sticky) addresses whose container is gone. */
  readonly engine?: Engine;
  readonly log: Logger;
  /** Periodic gc of this host's leaked allocations; omit to disable. */
  readonly gc?: { readonly intervalMs: number; readonly run: (store: Store) => Promise<string[]> };
}

export interface Sidecar {
  readonly server: Server;
  readonly store: Store;
  stop(): Promise<void>;
}

export async function startSidecar(options: SidecarOptions): Promise<Sidecar> {
  const { log } = options;
  const store = new Store({ endpoints: options.endpoints, credentials: options.credentials, prefix: options.prefix });
  const allocator = new Allocator(store, options.hostId);
  const engine = options.engine;
  const sweeper: ParkedSweeper | undefined = engine ? startParkedSweeper(store, options.hostId, engine, log) : undefined;
  const server = createPluginServer(new EtcdIpamDriver(allocator, () => sweeper?.parked()), log);
  await listenOnSocket(server, options.socketPath);
  const liveness = new Liveness(store, options.hostId, options.docker, (message) => log.error(message));
  liveness.start();
  let gcTimer: NodeJS.Timeout | undefined;
  const gc = options.gc;
  if (gc) {
    gcTimer = setInterval(() => {
      gc.run(store).then(
        (lines) => lines.forEach((line) => log.info(`gc: ${line}`)),
        (error: unknown) => log.error(`gc failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }, gc.intervalMs);
    gcTimer.unref();
  }
  log.info(`IPAM driver listening on ${options.socketPath} (host ${options.hostId}, etcd ${options.endpoints.join(',')}, prefix ${store.prefix})`);
  return {
    server,
    store,
    async stop() {
      clearInterval(gcTimer);
      sweeper?.stop();
      await closeServer(server, options.socketPath);
      await liveness.stop();
      store.close();
    },
  };
}
