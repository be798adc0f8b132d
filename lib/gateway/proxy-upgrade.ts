import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import type { PolicyForward } from './apply-policy';
import { responseHeadersForCaller, upgradeHeadersForEngine } from './forwarded-headers';
import { GatewayRefusal, writeRawRefusal } from './refusal';
import type { Upstream } from './upstream';
import { engineAt, hideSocketPaths } from '@/lib/docker/engine-address';

/** Attach and exec start bodies are a few bytes of JSON. */
const MAX_UPGRADE_BODY_BYTES = 64 * 1024;

export interface UpgradeBody {
  /** The request's own body, as framed by its Content-Length. */
  body: Buffer;
  /** Bytes the caller sent after it, before any answer: never forwarded as a request. */
  early: Buffer;
}

/**
 * Reads an upgrade request's body off the raw connection (Node's parser stops at the headers),
 * by its Content-Length; the connection is left paused with whatever follows unread.
 */
export function readUpgradeBody(client: Duplex, headers: IncomingHttpHeaders, head: Buffer): Promise<UpgradeBody> {
  if (headers['transfer-encoding'] !== undefined) {
    return Promise.reject(new GatewayRefusal(400, 'Send the body of an attach or exec start with Content-Length, not chunked'));
  }
  const length = Number(headers['content-length'] ?? 0);
  if (!Number.isSafeInteger(length) || length < 0) return Promise.reject(new GatewayRefusal(400, 'The Content-Length is not a length'));
  if (length > MAX_UPGRADE_BODY_BYTES) return Promise.reject(new GatewayRefusal(413, `The request body is larger than ${MAX_UPGRADE_BODY_BYTES} bytes`));
  return new Promise((resolve, reject) => {
    let held = head;
    const done = () => {
      client.off('data', onData);
      client.off('end', onEnd);
      client.pause();
      resolve({ body: held.subarray(0, length), early: held.subarray(length) });
    };
    const onData = (chunk: Buffer) => {
      held = Buffer.concat([held, chunk]);
      if (held.length >= length) done();
    };
    const onEnd = () => {
      client.off('data', onData);
      reject(new GatewayRefusal(400, 'The request body was cut off before its end'));
    };
    if (held.length >= length) return done();
    client.on('data', onData);
    client.once('end', onEnd);
    client.resume();
  });
}

function rawHead(status: number, message: string | undefined, headers: readonly string[]): string {
  let lines = `HTTP/1.1 ${status} ${message || (STATUS_CODES[status] ?? '')}\r\n`;
  for (let index = 0; index + 1 < headers.length; index += 2) lines += `${headers[index]}: ${headers[index + 1]}\r\n`;
  return `${lines}\r\n`;
}

/**
 * Hands a hijacked call (attach, exec start: `Upgrade: tcp`) to the engine and relays the stream.
 * Only the request and its framed body reach the engine before its answer. When the engine
 * upgrades (101), the connection is the hijacked stream on both sides from then on: the engine
 * never reads another request on it, and the gateway relays bytes until either side is done, then
 * closes the caller's connection (it is never reused). When the engine answers anything else (no
 * such container, a detached exec start), that answer is relayed with `Connection: close` and the
 * connection is closed: bytes the caller pipelined after the request are dropped unread. Each
 * side's end is passed on as a half-close, so `docker exec -i` closing stdin still gets the rest
 * of the output. Resolves with the engine's status once both sides are closed.
 */
export function bridgeUpgrade(upstream: Upstream, request: IncomingMessage, client: Duplex, forward: PolicyForward, early: Buffer): Promise<number> {
  const body = forward.body ?? Buffer.alloc(0);
  return new Promise((resolve) => {
    let status = 0;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      resolve(status);
    };
    client.once('close', finish);
    const outgoing = upstream.request(request.method ?? 'POST', forward.url, upgradeHeadersForEngine(request.rawHeaders, body, forward.contentType));

    outgoing.once('error', (error) => {
      if (status === 0 && client.writable) {
        status = 502;
        writeRawRefusal(client, new GatewayRefusal(502, `The Docker engine${engineAt(upstream.url)} does not answer: ${hideSocketPaths(error.message)}`));
      } else client.destroy();
    });

    outgoing.once('response', (answer) => {
      status = answer.statusCode ?? 502;
      const headers = responseHeadersForCaller(answer.rawHeaders);
      client.write(rawHead(status, answer.statusMessage, [...headers, 'Connection', 'close']));
      answer.pipe(client);
      answer.once('error', () => client.destroy());
      answer.once('end', () => setTimeout(() => client.destroy(), 1_000).unref());
    });

    outgoing.once('upgrade', (answer, engine: Duplex, engineHead: Buffer) => {
      status = answer.statusCode ?? 101;
      client.write(rawHead(status, answer.statusMessage, answer.rawHeaders));
      if (engineHead.length > 0) client.write(engineHead);
      // Sent before the answer, these are stream bytes now (the exec's stdin), as the engine would take them.
      if (early.length > 0) engine.write(early);
      engine.on('error', () => client.destroy());
      client.once('error', () => engine.destroy());
      engine.pipe(client);
      client.pipe(engine);
      // The caller gone (Ctrl-C): nothing is left to relay. The engine done: the caller got the end
      // through the pipe; a caller that never closes its side is cut a moment later.
      client.once('close', () => engine.destroy());
      engine.once('close', () => setTimeout(() => client.destroy(), 1_000).unref());
      client.resume();
    });

    outgoing.end(body);
  });
}
