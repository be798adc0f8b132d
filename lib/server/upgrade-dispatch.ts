import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppError } from '@/lib/errors/app-error';
import { renderError } from '@/lib/errors/render-error';
import { stampClientAddress } from '@/lib/http/client-address';
import { rawJsonResponse } from '@/lib/http/raw-http-response';
import { matchUpgradeRoute, type UpgradeRouteName } from './upgrade-routes';

/** The handler of one kind of WebSocket (an entry of UPGRADE_ROUTES). */
export interface UpgradeRoute {
  /** Takes over the socket: upgrades it, or refuses with rejectUpgrade. */
  handle(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void>;
  /** Ends this route's open connections (shutdown). */
  close(): void;
}

/** One handler for each entry of UPGRADE_ROUTES: the compiler finds a route left without one. */
export type UpgradeHandlers = { readonly [Name in UpgradeRouteName]: UpgradeRoute };

/**
 * Refuses an upgrade with an HTTP answer on the raw socket, in the API's JSON error shape (the
 * WebSocket never opened, so this is all the client hears): 401, 403, 404, 409, 422…
 */
export function rejectUpgrade(socket: Duplex, error: unknown): void {
  const { status, body, headers } = renderError(error, { where: 'a WebSocket upgrade' });
  if (socket.writable) socket.end(rawJsonResponse(status, JSON.stringify(body), headers));
  socket.destroy();
}

class NoSuchSocketError extends AppError {
  constructor(pathname: string) {
    super('NOT_FOUND', `No WebSocket is served at ${pathname}`);
  }
}

/**
 * Routes the server's upgrades by UPGRADE_ROUTES: the handler of the entry whose pattern the path
 * fills takes the socket; any other upgrade is refused with a 404 (Next serves no WebSocket in
 * production). The caller's address is worked out first, as for every other request
 * (SHIPYARD_TRUST_PROXY: `trustProxy` proxies in front; 0 reads the socket alone).
 */
export function dispatchUpgrades(server: Server, handlers: UpgradeHandlers, { trustProxy }: { trustProxy: number }): void {
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy()); // a peer that vanishes mid-handshake is no server error
    stampClientAddress(request, trustProxy);
    const pathname = new URL(request.url ?? '/', 'http://upgrade.invalid').pathname;
    const name = matchUpgradeRoute(pathname);
    if (!name) return rejectUpgrade(socket, new NoSuchSocketError(pathname));
    handlers[name].handle(request, socket, head).catch((error: unknown) => rejectUpgrade(socket, error));
  });
}
