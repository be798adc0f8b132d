import { createServer } from 'node:http';
import next from 'next';
import type { ShipyardConfig } from '@/lib/config/config';
import { execUpgradeRoute } from '@/lib/exec/exec-upgrade';
import { getContainerContext } from '@/lib/engines/registry';
import { stampClientAddress } from '@/lib/http/client-address';
import { applyPublicOrigin } from '@/lib/http/public-origin';
import { closeServer, listen, listenUrl, type Listener } from './listener';
import { getDatabase } from './services';
import { dispatchUpgrades } from './upgrade-dispatch';

/**
 * The console: Next's production server for pages and the API, on an HTTP server of ours so that
 * the WebSockets Next's route handlers cannot serve (the exec console) are upgraded here. The
 * exec handler runs in this process beside Next's bundles and shares their database pool and
 * engine clients (both kept on globalThis).
 */
export async function startConsoleServer(config: ShipyardConfig, dir: string): Promise<Listener> {
  const { host, port } = config.listen;
  // next-auth builds its route handlers' URLs (callback URLs, the Secure cookie choice) on
  // AUTH_URL when set, else on the server's own address: the public one is the right base.
  if (config.publicUrl !== null) process.env.AUTH_URL ??= config.publicUrl;
  // Next hooks an 'upgrade' listener of its own onto options.httpServer (else onto the server of
  // the first request) and ends every upgrade whose path is one of its routes, as all of
  // /api/v1 is. It gets a server that never listens: the dispatcher below owns the upgrades.
  const app = next({ dev: false, dir, hostname: host, port, httpServer: createServer() });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Route handlers do not see the socket: the caller's address reaches them as a header of ours.
  // Redirects, Secure cookies and origin checks are built on the origin the browser used
  // (SHIPYARD_PUBLIC_URL, or a trusted proxy's headers), never on the bind address.
  const origin = { publicUrl: config.publicUrl, trustProxy: config.trustProxy };
  const server = createServer((request, response) => {
    stampClientAddress(request, config.trustProxy);
    applyPublicOrigin(request, origin);
    void handle(request, response);
  });
  server.prependListener('upgrade', (request) => applyPublicOrigin(request, origin));
  const handlers = { 'container-exec': execUpgradeRoute({ database: getDatabase, context: getContainerContext, secret: () => config.authSecret }) };
  dispatchUpgrades(server, handlers, { trustProxy: config.trustProxy });
  await listen(server, host, port);
  return {
    name: 'console',
    url: listenUrl(host, port),
    async close() {
      for (const route of Object.values(handlers)) route.close();
      await closeServer(server);
      await app.close();
    },
  };
}
