// etcd goes down: the plugin stays up and answers a clear error within its bound instead of
// hanging docker run; when etcd is back, allocation works again without a restart.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRangeFlags } from '@/lib/ipam/ranges';
import { addContainerRange } from '@/lib/ipam/subnet-config';
import type { Sidecar } from '@/lib/plugin/sidecar';
import { socketDir, testPrefix, testStore } from './support/fixtures';
import { startInProcess } from './support/instances';
import { type PluginReply, callPlugin, randomMac, requestAddress } from './support/plugin-client';
import { PrivateEtcd } from './support/private-etcd';

const POOL_ID = '10.199.252.0-24';

/** A RequestAddress while etcd cannot answer: a 503 within the bound (3 s per etcd call), not a hang. */
async function requestWhileDown(socket: string): Promise<PluginReply> {
  const started = Date.now();
  const reply = await requestAddress(socket, POOL_ID, randomMac());
  // Not a benchmark: only proves the call is bounded rather than hanging.
  expect(Date.now() - started).toBeLessThan(20_000);
  expect(reply.status).toBe(503);
  return reply;
}

/** Retries one request (one MAC) for up to 15 s until the plugin serves it again, and returns the reply. */
async function requestUntilServed(socket: string): Promise<PluginReply | undefined> {
  let reply: PluginReply | undefined;
  const mac = randomMac();
  for (let attempt = 0; attempt < 30 && reply?.status !== 200; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 500));
    reply = await requestAddress(socket, POOL_ID, mac);
  }
  expect(reply?.status).toBe(200);
  return reply;
}

describe('etcd outage', () => {
  const etcd = new PrivateEtcd();
  const prefix = testPrefix();
  const socket = join(socketDir(), 'outage.sock');
  let sidecar: Sidecar;

  beforeAll(async () => {
    await etcd.start();
    const store = testStore(prefix, [etcd.endpoint]);
    await addContainerRange(store, parseRangeFlags('10.199.252.10/24', '10.199.252.50/24'));
    store.close();
    sidecar = await startInProcess([etcd.endpoint], prefix, socket, 'outage-host');
  });

  afterAll(async () => {
    await sidecar?.stop();
    await etcd.destroy();
  });

  it('fails RequestAddress with a clear, bounded error while etcd is down, and serves again after', async () => {
    expect((await callPlugin(socket, '/IpamDriver.RequestPool', { Pool: '10.199.252.0/24' })).status).toBe(200);
    expect((await requestAddress(socket, POOL_ID, randomMac())).body.Address).toBe('10.199.252.10/24');

    await etcd.kill();
    const down = await requestWhileDown(socket);
    expect(String(down.body.Err)).toMatch(new RegExp(`^etcd \\(${etcd.endpoint}\\) did not complete .*check that etcd is running`));
    // The plugin itself is still up.
    expect((await callPlugin(socket, '/Plugin.Activate')).status).toBe(200);

    await etcd.start();
    expect((await requestUntilServed(socket))?.body.Address).toBe('10.199.252.11/24');
  });

  it('bounds calls to an etcd that accepts connections but never answers', async () => {
    etcd.pause();
    try {
      const hung = await requestWhileDown(socket);
      expect(String(hung.body.Err)).toContain('check that etcd is running and reachable');
    } finally {
      etcd.resume();
    }
    await requestUntilServed(socket);
  });
});
