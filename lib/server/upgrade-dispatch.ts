import type { IncomingMessage, Server } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { ZodError } from 'zod';
import { fieldErrorsFrom } from '@/lib/api/field-errors';
import { AppError, RateLimitedError } from '@/lib/errors/app-error';
import { httpStatusFor } from '@/lib/errors/http-status';
import { stampClientAddress } from '@/lib/http/client-address';
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
  let status = 500;
  let extra = '';
  let body: { error: { code: string; message: string; fields?: { path: string; message: string }[] } };
  if (error instanceof AppError) {
    status = httpStatusFor[error.code];
    body = { error: { code: error.code, message: error.message, ...(error.fields.length > 0 ? { fields: error.fields } : {}) } };
    if (error instanceof RateLimitedError) extra = `Retry-After: ${error.retryAfterSeconds}\r\n`;
  } else if (error instanceof ZodError) {
    const fields = fieldErrorsFrom(error);
    status = 422;
    body = { error: { code: 'VALIDATION_FAILED', message: fields.map((field) => `${field.path}: ${field.message}`).join('; '), fields } };
  } else {
    console.error('unexpected error in a WebSocket upgrade', error);
    body = { error: { code: 'INTERNAL', message: 'Internal error: see the console server log' } };
  }
  const json = JSON.stringify(body);
  if (socket.writable) {
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\n${extra}Connection: close\r\n\r\n${json}`,
    );
  }
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
