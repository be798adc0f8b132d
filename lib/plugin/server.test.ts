// The transport with a fake driver: raw bodies, validation, error replies, 404.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressTakenError, StoreUnavailableError } from '../ipam/errors';
import { callPlugin } from '@/tests/ipam/support/plugin-client';
import type { IpamDriver } from './driver';
import { addressKindOf } from './etcd-driver';
import { silentLogger } from './log';
import { closeServer, createPluginServer, listenOnSocket, parseBody } from './server';

const fake: IpamDriver = {
  getCapabilities: async () => ({ RequiresMACAddress: true, RequiresRequestReplay: false }),
  getDefaultAddressSpaces: async () => ({ LocalDefaultAddressSpace: 'l', GlobalDefaultAddressSpace: 'g' }),
  requestPool: async (request) => ({ PoolID: `id-${request.Pool}`, Pool: request.Pool ?? '', Data: {} }),
  releasePool: async () => undefined,
  requestAddress: async (request) => {
    if (request.Address === '10.0.0.9') throw new AddressTakenError('10.0.0.9 is already in use: choose another --ip');
    if (request.Address === '10.0.0.8') throw new StoreUnavailableError('etcd is down: start it');
    if (request.Address === '10.0.0.7') throw new Error('boom');
    return { Address: '10.0.0.2/24', Data: {} };
  },
  releaseAddress: async () => undefined,
};

describe('plugin transport', () => {
  const socket = join(mkdtempSync(join(tmpdir(), 'syunit-')), 'p.sock');
  const server = createPluginServer(fake, silentLogger);
  beforeAll(() => listenOnSocket(server, socket));
  afterAll(() => closeServer(server, socket));

  it('parses bodies whatever the headers, empty meaning no arguments', () => {
    expect(parseBody('')).toEqual({});
    expect(parseBody('  \n')).toEqual({});
    expect(parseBody('{"PoolID":"x"}')).toEqual({ PoolID: 'x' });
    expect(() => parseBody('{')).toThrow('request body is not JSON');
    expect(() => parseBody('"x"')).toThrow('must be a JSON object');
  });

  it('routes the protocol calls and answers with the plugin content type', async () => {
    const pool = await callPlugin(socket, '/IpamDriver.RequestPool', { Pool: '10.0.0.0/24' });
    expect(pool).toMatchObject({ status: 200, body: { PoolID: 'id-10.0.0.0/24', Pool: '10.0.0.0/24' } });
    expect(pool.contentType).toBe('application/vnd.docker.plugins.v1+json');
    expect((await callPlugin(socket, '/IpamDriver.ReleasePool', { PoolID: 'p' })).body).toEqual({});
    expect((await callPlugin(socket, '/IpamDriver.ReleaseAddress', { PoolID: 'p', Address: '10.0.0.2' })).body).toEqual({});
  });

  it('maps failures to a status and {"Err"}', async () => {
    const call = (Address: string) => callPlugin(socket, '/IpamDriver.RequestAddress', { PoolID: 'p', Address });
    expect(await call('10.0.0.9')).toMatchObject({ status: 409, body: { Err: '10.0.0.9 is already in use: choose another --ip' } });
    expect(await call('10.0.0.8')).toMatchObject({ status: 503, body: { Err: 'etcd is down: start it' } });
    expect((await call('10.0.0.7')).body.Err).toMatch(/^the IPAM plugin failed unexpectedly \(boom\): check the plugin's log/);
    const invalid = await callPlugin(socket, '/IpamDriver.ReleasePool', { PoolID: 7 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.Err).toMatch(/^invalid ReleasePool request \(PoolID: /);
    expect((await callPlugin(socket, '/Other', {})).status).toBe(404);
  });

  it('refuses to take over a socket another process listens on', async () => {
    const other = createPluginServer(fake, silentLogger);
    await expect(listenOnSocket(other, socket)).rejects.toThrow('another process is listening on');
  });
});

describe('address kinds', () => {
  it('tells gateway, aux and container requests apart as Docker sends them', () => {
    expect(addressKindOf({ PoolID: 'p', Address: '10.0.0.1', Options: { RequestAddressType: 'com.docker.network.gateway' } }, undefined)).toBe('gateway');
    expect(addressKindOf({ PoolID: 'p', Address: '10.0.0.254', Options: null }, undefined)).toBe('aux');
    expect(addressKindOf({ PoolID: 'p', Address: '', Options: {} }, '02:42:00:00:00:01')).toBe('container');
    expect(addressKindOf({ PoolID: 'p', Address: '10.0.0.5', Options: {} }, '02:42:00:00:00:01')).toBe('container');
  });
});
