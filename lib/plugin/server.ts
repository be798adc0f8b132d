// The transport: an HTTP server on a unix socket answering Docker's plugin calls. It parses the
// raw body itself (Docker sends no Content-Type, and empty bodies for calls without arguments),
// validates it, calls the driver and writes {"Err"} on failure.
import { existsSync, unlinkSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { connect } from 'node:net';
import { dirname } from 'node:path';
import type * as z from 'zod/mini';
import { InvalidRequestError } from '../ipam/errors';
import type { IpamDriver } from './driver';
import { errorReply } from './http-errors';
import type { Logger } from './log';
import { CONTENT_TYPE, releaseAddressSchema, releasePoolSchema, requestAddressSchema, requestPoolSchema } from './protocol';

type Handler = (body: unknown) => Promise<unknown>;

const MAX_BODY_BYTES = 64 * 1024;

/** zod/mini carries no message locale (it would cost memory): say what was expected ourselves. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  if (issue.code === 'too_small') return 'must not be empty';
  return issue.message;
}

function validated<T>(schema: z.ZodMiniType<T>, call: string, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${describeIssue(issue)}`).join('; ');
  throw new InvalidRequestError(`invalid ${call} request (${issues}): send the fields of Docker's IPAM protocol`);
}

export function routesFor(driver: IpamDriver): Record<string, Handler> {
  return {
    '/Plugin.Activate': async () => ({ Implements: ['IpamDriver'] }),
    '/IpamDriver.GetCapabilities': () => driver.getCapabilities(),
    '/IpamDriver.GetDefaultAddressSpaces': () => driver.getDefaultAddressSpaces(),
    '/IpamDriver.RequestPool': (body) => driver.requestPool(validated(requestPoolSchema, 'RequestPool', body)),
    '/IpamDriver.ReleasePool': async (body) => {
      await driver.releasePool(validated(releasePoolSchema, 'ReleasePool', body));
      return {};
    },
    '/IpamDriver.RequestAddress': (body) => driver.requestAddress(validated(requestAddressSchema, 'RequestAddress', body)),
    '/IpamDriver.ReleaseAddress': async (body) => {
      await driver.releaseAddress(validated(releaseAddressSchema, 'ReleaseAddress', body));
      return {};
    },
  };
}

/** Empty or blank bodies mean "no arguments"; anything else must be a JSON object. */
export function parseBody(raw: string): unknown {
  if (raw.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidRequestError(`request body is not JSON (${reason}): send a JSON object`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidRequestError('request body must be a JSON object: send the fields of the call as an object');
  }
  return body;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new InvalidRequestError(`request body is larger than ${MAX_BODY_BYTES} bytes: send a protocol request`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': CONTENT_TYPE, 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

export function createPluginServer(driver: IpamDriver, log: Logger): Server {
  const routes = routesFor(driver);
  return createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const handler = routes[path];
    const started = process.hrtime.bigint();
    void (async () => {
      let raw = '';
      try {
        raw = (await readBody(request)).trim();
        if (!handler) {
          reply(response, 404, { Err: `unknown endpoint ${path}: this plugin implements Docker's IpamDriver protocol` });
          return;
        }
        const result = await handler(parseBody(raw));
        reply(response, 200, result);
        if (log.debugEnabled) log.debug(`${path} ${raw || '{}'} -> 200 ${JSON.stringify(result)} ${elapsed(started)}`);
      } catch (error) {
        const { status, body } = errorReply(error);
        if (!response.headersSent) reply(response, status, body);
        (status >= 500 ? log.error : log.debug)(`${path} ${raw || '{}'} -> ${status} ${body.Err} ${elapsed(started)}`);
      }
    })();
  });
}

function elapsed(started: bigint): string {
  return `(${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(1)} ms)`;
}

/** Resolves true if something accepts connections on the socket. */
function socketInUse(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Listens on the socket, replacing a stale one left by a killed instance, never a live one. */
export async function listenOnSocket(server: Server, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  if (existsSync(path)) {
    if (await socketInUse(path)) {
      throw new Error(`another process is listening on ${path}: stop it or pass a different --socket`);
    }
    unlinkSync(path);
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Stops accepting calls, lets running ones finish (2 s at most), and removes the socket. */
export async function closeServer(server: Server, path: string): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Docker keeps idle keep-alive connections open; they would hold close() forever.
  server.closeIdleConnections();
  const force = setTimeout(() => server.closeAllConnections(), 2_000);
  await closed;
  clearTimeout(force);
  if (existsSync(path)) unlinkSync(path);
}
