import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** A call the gateway answers itself: the docker CLI prints `message` ("Error response from daemon: …"). */
export class GatewayRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** For a 429: sent as Retry-After. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'GatewayRefusal';
  }
}

function jsonBody(message: string): string {
  return JSON.stringify({ message });
}

export function writeRefusal(response: ServerResponse, refusal: GatewayRefusal): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = jsonBody(refusal.message);
  // Connection: close, so an unread request body (an image load without a token) is not read on.
  response.writeHead(refusal.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
    ...(refusal.retryAfterSeconds !== undefined ? { 'retry-after': String(refusal.retryAfterSeconds) } : {}),
  });
  response.end(body);
}

/** The same answer on a connection that asked for an upgrade, before anything was forwarded. */
export function writeRawRefusal(socket: Duplex, refusal: GatewayRefusal): void {
  const body = jsonBody(refusal.message);
  const retryAfter = refusal.retryAfterSeconds !== undefined ? `Retry-After: ${refusal.retryAfterSeconds}\r\n` : '';
  socket.end(
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? 'Error'}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${retryAfter}Connection: close\r\n\r\n${body}`,
  );
}
