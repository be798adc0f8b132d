import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { upgradeHeadersForEngine } from './forwarded-headers';
import { GatewayRefusal, writeRawRefusal } from './refusal';
import type { Upstream } from './upstream';
import { engineAt, hideSocketPaths } from '@/lib/docker/engine-address';

/**
 * Hands a hijacked call (attach, exec start: `Upgrade: tcp`) to the engine on a raw connection
 * and relays bytes both ways. Each side's end is passed on as a half-close, so `docker exec -i`
 * closing stdin still gets the rest of the output. Resolves with the engine's status line's code
 * when both sides are closed.
 */
export function bridgeUpgrade(upstream: Upstream, request: IncomingMessage, client: Duplex, head: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const engine = upstream.connect();
    let status = 0;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      resolve(status);
    };

    const raw = upgradeHeadersForEngine(request.rawHeaders);
    let lines = `${request.method ?? 'POST'} ${request.url ?? '/'} HTTP/1.1\r\n`;
    for (let index = 0; index + 1 < raw.length; index += 2) lines += `${raw[index]}: ${raw[index + 1]}\r\n`;
    engine.write(`${lines}\r\n`);
    if (head.length > 0) engine.write(head);

    engine.once('data', (first: Buffer) => {
      status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(first.toString('latin1', 0, 32))?.[1] ?? 0);
    });
    engine.once('error', (error) => {
      if (status === 0 && client.writable) {
        status = 502;
        writeRawRefusal(client, new GatewayRefusal(502, `The Docker engine${engineAt(upstream.url)} does not answer: ${hideSocketPaths(error.message)}`));
      } else client.destroy();
      finish();
    });
    client.once('error', () => engine.destroy());
    engine.pipe(client);
    client.pipe(engine);
    // The caller gone (Ctrl-C): nothing is left to relay. The engine done: the caller got the end
    // through the pipe; a caller that never closes its side is cut a moment later.
    let closed = 0;
    const onClose = () => (++closed === 2 ? finish() : undefined);
    client.once('close', () => {
      engine.destroy();
      onClose();
    });
    engine.once('close', () => {
      setTimeout(() => client.destroy(), 1_000).unref();
      onClose();
    });
  });
}
