// The engine client's announcement of writes to its containers (what keeps the containers
// inventory read-your-writes), against a small engine stand-in on a local port.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineClient, changesContainerList } from './engine-client';

let server: Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** An engine stand-in that answers every request, noting when each was answered. */
async function engine(order: string[]): Promise<EngineClient> {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      order.push(`engine answered ${request.method} ${request.url?.split('?')[0]}`);
      response.writeHead(request.method === 'GET' ? 200 : 201, { 'content-type': 'application/json' });
      response.end(request.method === 'GET' ? '[]' : '{"Id":"made"}');
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return EngineClient.connect({ kind: 'tcp', url: `tcp://127.0.0.1:${port}`, host: '127.0.0.1', port, tls: null }, { gate: () => undefined });
}

describe("the engine client's container writes", () => {
  it('tells its listeners after the engine answered a write, before the caller hears it, through any view; reads tell nothing', async () => {
    const order: string[] = [];
    const client = await engine(order);
    const stop = client.onContainerWrite(() => order.push('listener told'));
    await client.as({ username: 'bea', role: 'operator' }).createContainer({ name: 'web', Image: 'busybox' });
    order.push('caller heard');
    await client.listContainers({ all: true });
    stop();
    await client.createContainer({ Image: 'busybox' });
    expect(order).toEqual([
      'engine answered POST /containers/create',
      'listener told',
      'caller heard',
      'engine answered GET /containers/json',
      'engine answered POST /containers/create',
    ]);
  });

  it('counts container, exec and network membership writes as list changes, not reads, images or services', () => {
    for (const [method, path] of [['POST', '/v1.41/containers/create?name=web'], ['DELETE', '/containers/abc?force=true'], ['POST', '/containers/abc/rename?name=x'], ['POST', '/exec/abc/start'], ['POST', '/v1.41/networks/flat/connect']]) {
      expect(changesContainerList({ method: method ?? '', path: path ?? '' }), `${method} ${path}`).toBe(true);
    }
    for (const [method, path] of [['GET', '/containers/json?all=1'], ['HEAD', '/containers/abc/archive'], ['POST', '/images/create?fromImage=busybox'], ['POST', '/services/create'], ['POST', '/networks/create']]) {
      expect(changesContainerList({ method: method ?? '', path: path ?? '' }), `${method} ${path}`).toBe(false);
    }
  });
});
