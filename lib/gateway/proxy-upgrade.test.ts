import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { requestHeadersForEngine, upgradeHeadersForEngine } from './forwarded-headers';
import { readUpgradeBody } from './proxy-upgrade';

describe('an upgrade request on the raw connection', () => {
  it('reads the body by its Content-Length and keeps what follows apart, unread as a request', async () => {
    const client = new PassThrough();
    const pending = readUpgradeBody(client, { 'content-length': '16' }, Buffer.from('{"Detach"'));
    client.write(':false}GET /v1.41/swarm HTTP/1.1\r\n\r\n');
    const { body, early } = await pending;
    expect(body.toString()).toBe('{"Detach":false}');
    expect(early.toString()).toBe('GET /v1.41/swarm HTTP/1.1\r\n\r\n');
  });

  it('takes a body wholly in the head, and none without a length', async () => {
    const client = new PassThrough();
    expect((await readUpgradeBody(client, { 'content-length': '2' }, Buffer.from('{}pipelined'))).early.toString()).toBe('pipelined');
    const none = await readUpgradeBody(client, {}, Buffer.from('GET / HTTP/1.1\r\n\r\n'));
    expect(none.body.length).toBe(0);
    expect(none.early.toString()).toBe('GET / HTTP/1.1\r\n\r\n');
  });

  it('refuses a chunked body, a body too large and one cut off', async () => {
    await expect(readUpgradeBody(new PassThrough(), { 'transfer-encoding': 'chunked' }, Buffer.alloc(0))).rejects.toMatchObject({ status: 400 });
    await expect(readUpgradeBody(new PassThrough(), { 'content-length': String(1024 * 1024) }, Buffer.alloc(0))).rejects.toMatchObject({ status: 413 });
    const client = new PassThrough();
    const cut = readUpgradeBody(client, { 'content-length': '10' }, Buffer.from('{"a"'));
    client.end();
    await expect(cut).rejects.toMatchObject({ status: 400 });
  });
});

describe('headers for the engine', () => {
  const raw = ['Host', 'gw', 'Content-Type', 'application/x-www-form-urlencoded', 'Connection', 'Upgrade', 'Upgrade', 'tcp', 'Content-Length', '20'];

  it('sends the Content-Type the policy names in place of the caller’s, or none', () => {
    expect(requestHeadersForEngine(raw, Buffer.from('{}'), 'application/json')).toEqual(['Host', 'gw', 'Content-Type', 'application/json', 'Content-Length', '2']);
    expect(requestHeadersForEngine(raw, Buffer.alloc(0), null)).toEqual(['Host', 'gw', 'Content-Length', '0']);
    expect(upgradeHeadersForEngine(raw, Buffer.from('{}'), 'application/json')).toEqual(['Host', 'gw', 'Connection', 'Upgrade', 'Upgrade', 'tcp', 'Content-Length', '2', 'Content-Type', 'application/json']);
  });

  it('never asks the engine for an upgrade on an ordinary call', () => {
    expect(requestHeadersForEngine(raw, null)).toEqual(['Host', 'gw', 'Content-Type', 'application/x-www-form-urlencoded', 'Content-Length', '20']);
  });

  it('frames an upgrade body the caller sent without a length', () => {
    expect(upgradeHeadersForEngine(['Host', 'gw'], Buffer.from('{}'))).toEqual(['Host', 'gw', 'Content-Length', '2']);
  });
});
