// The protocol edge cases against a real etcd: malformed input is refused with a message that
// says what to do, and leaves etcd untouched; pools are shared and reference-counted per host.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRangeFlags } from '@/lib/ipam/ranges';
import type { Entry, Store } from '@/lib/ipam/store';
import { addContainerRange } from '@/lib/ipam/subnet-config';
import type { Sidecar } from '@/lib/plugin/sidecar';
import { main } from '@/plugin/cli';
import { etcdEndpoints, socketDir, testPrefix, testStore, uniqueId } from './support/fixtures';
import { startInProcess } from './support/instances';
import { callPlugin, randomMac, requestAddress } from './support/plugin-client';

const POOL_ID = '10.199.253.0-24';

describe('protocol edge cases', () => {
  const prefix = testPrefix();
  const dir = socketDir();
  const [socketA, socketB] = [join(dir, 'a.sock'), join(dir, 'b.sock')];
  const run = uniqueId();
  let store: Store;
  let hostA: Sidecar;
  let hostB: Sidecar;

  const snapshot = async (): Promise<Entry[]> => (await store.list('')).filter((entry) => !entry.key.startsWith('live/'));

  beforeAll(async () => {
    store = testStore(prefix);
    await addContainerRange(store, parseRangeFlags('10.199.253.10/24', '10.199.253.12/24'));
    hostA = await startInProcess(etcdEndpoints(), prefix, socketA, `proto-${run}-a`);
    hostB = await startInProcess(etcdEndpoints(), prefix, socketB, `proto-${run}-b`);
  });

  afterAll(async () => {
    await hostA?.stop();
    await hostB?.stop();
    await store.deleteAll();
    store.close();
  });

  it('answers the handshake with empty bodies and the plugin content type', async () => {
    const activate = await callPlugin(socketA, '/Plugin.Activate');
    expect(activate).toMatchObject({ status: 200, body: { Implements: ['IpamDriver'] } });
    expect(activate.contentType).toBe('application/vnd.docker.plugins.v1+json');
    expect((await callPlugin(socketA, '/IpamDriver.GetCapabilities')).body).toEqual({ RequiresMACAddress: true, RequiresRequestReplay: false });
    expect((await callPlugin(socketA, '/IpamDriver.GetDefaultAddressSpaces')).body).toHaveProperty('LocalDefaultAddressSpace');
    const unknown = await callPlugin(socketA, '/IpamDriver.Nope', {});
    expect(unknown.status).toBe(404);
    expect(String(unknown.body.Err)).toContain('unknown endpoint /IpamDriver.Nope');
  });

  it('refuses malformed bodies and bad CIDRs without writing anything', async () => {
    const before = await snapshot();
    const cases: [string, string, RegExp][] = [
      ['/IpamDriver.RequestPool', '{"Pool": "10.199.253.0/24"', /^request body is not JSON/],
      ['/IpamDriver.RequestPool', '[1,2]', /^request body must be a JSON object/],
      ['/IpamDriver.RequestPool', '{"Pool": "10.199.253.0/33"}', /prefix length/],
      ['/IpamDriver.RequestPool', '{"Pool": "10.199.253.7/24"}', /has host bits set: did you mean 10\.199\.253\.0\/24\?/],
      ['/IpamDriver.RequestPool', '{"Pool": "10.999.0.0/24"}', /is not an IPv4 address/],
      ['/IpamDriver.RequestPool', '{"Pool": ""}', /needs the subnet of the flat network: pass --subnet/],
      ['/IpamDriver.RequestPool', '{"Pool": "10.199.99.0/24"}', /no container range is configured for 10\.199\.99\.0\/24: run `shipyard-ipam ip-range/],
      ['/IpamDriver.RequestPool', '{"Pool": 5}', /^invalid RequestPool request \(Pool:/],
      ['/IpamDriver.RequestAddress', '{}', /^invalid RequestAddress request \(PoolID:/],
      ['/IpamDriver.RequestAddress', `{"PoolID": "${POOL_ID}", "Address": "10.199.253.300", "Options": {"com.docker.network.endpoint.macaddress": "02:42:00:00:00:01"}}`, /is not an IPv4 address/],
      ['/IpamDriver.RequestAddress', `{"PoolID": "${POOL_ID}", "Options": {"com.docker.network.endpoint.macaddress": "zz"}}`, /is not a MAC address/],
      ['/IpamDriver.RequestAddress', '{"PoolID": "10.1.2.0-24", "Options": {}}', /pool 10\.1\.2\.0-24 is not configured/],
      ['/IpamDriver.ReleaseAddress', `{"PoolID": "${POOL_ID}"}`, /^invalid ReleaseAddress request \(Address:/],
    ];
    for (const [path, raw, message] of cases) {
      const reply = await callPlugin(socketA, path, undefined, raw);
      expect(reply.status, raw).toBeGreaterThanOrEqual(400);
      expect(String(reply.body.Err), raw).toMatch(message);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses reversed and overlapping ranges (the CLI commands) without writing anything', async () => {
    const before = await snapshot();
    const cli = async (...argv: string[]) => {
      const lines: string[] = [];
      const code = await main([...argv, '--prefix', prefix], { out: (l) => lines.push(l), err: (l) => lines.push(l), env: process.env });
      return { code, text: lines.join('\n') };
    };
    const cases: [string[], string][] = [
      [['ip-range', '--ip-start', '10.199.253.12/24', '--ip-end', '10.199.253.11/24'], 'the range is reversed: --ip-start 10.199.253.12 comes after --ip-end 10.199.253.11; swap them'],
      [['ip-range', '--ip-start', '10.199.253.5/24', '--ip-end', '10.199.253.10/24'], 'range 10.199.253.5-10.199.253.10 overlaps the container range 10.199.253.10-10.199.253.12'],
      [['ip-range', '--ip-start', '10.199.253.5/24', '--ip-end', '10.199.254.10/24'], 'are in different subnets'],
      [['ip-range', '--ip-start', '10.199.253.0/24', '--ip-end', '10.199.253.3/24'], 'is the network or broadcast address'],
      [['host-range', '--ip-start', '10.199.253.11/24', '--ip-end', '10.199.253.20/24', '--gateway', '10.199.253.254'], 'overlaps the container range'],
      [['host-range', '--ip-start', '10.199.253.1/24', '--ip-end', '10.199.253.5/24', '--gateway', '10.199.253.3'], 'lies inside the new host range'],
      [['host-range', '--ip-start', '10.199.253.1/24', '--ip-end', '10.199.253.5/24', '--gateway', '10.199.9.1'], 'is not a usable address of 10.199.253.0/24'],
    ];
    for (const [argv, message] of cases) {
      const result = await cli(...argv);
      expect(result.code, argv.join(' ')).toBe(1);
      expect(result.text).toContain(message);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('shares one PoolID across hosts and counts references per host', async () => {
    const [a1, a2, b1] = [
      // sticky=false: these callers' MACs belong to no container (sticky.int.test.ts covers parking).
      await callPlugin(socketA, '/IpamDriver.RequestPool', { Pool: '10.199.253.0/24', Options: { sticky: 'false' } }),
      await callPlugin(socketA, '/IpamDriver.RequestPool', { Pool: '10.199.253.0/24', Options: { sticky: 'false' } }),
      await callPlugin(socketB, '/IpamDriver.RequestPool', { Pool: '10.199.253.0/24', V6: false, Options: { sticky: 'false' } }),
    ];
    expect([a1.body.PoolID, a2.body.PoolID, b1.body.PoolID]).toEqual([POOL_ID, POOL_ID, POOL_ID]);
    const refs = async () => Object.fromEntries((await store.list(`subnets/${POOL_ID}/refs/`)).map((e) => [e.key.split('/').pop(), e.value]));
    expect(await refs()).toEqual({ [`proto-${run}-a`]: '{"count":2}', [`proto-${run}-b`]: '{"count":1}' });

    // Both hosts reserve the same router; A's release must not free it for B.
    const aux = { PoolID: POOL_ID, Address: '10.199.253.254', Options: null };
    expect((await callPlugin(socketA, '/IpamDriver.RequestAddress', aux)).body.Address).toBe('10.199.253.254/24');
    expect((await callPlugin(socketB, '/IpamDriver.RequestAddress', aux)).body.Address).toBe('10.199.253.254/24');
    const gateway = { PoolID: POOL_ID, Address: '10.199.253.11', Options: { RequestAddressType: 'com.docker.network.gateway' } };
    expect((await callPlugin(socketA, '/IpamDriver.RequestAddress', gateway)).status).toBe(200);

    await callPlugin(socketA, '/IpamDriver.ReleasePool', { PoolID: POOL_ID });
    await callPlugin(socketA, '/IpamDriver.ReleasePool', { PoolID: POOL_ID });
    expect(await refs()).toEqual({ [`proto-${run}-b`]: '{"count":1}' });
    const router = await store.get(`subnets/${POOL_ID}/addrs/10.199.253.254`);
    expect(router && JSON.parse(router.value)).toMatchObject({ kind: 'aux', holders: [`proto-${run}-b`] });
    expect(await store.get(`subnets/${POOL_ID}/addrs/10.199.253.11`)).toBeUndefined();

    // The gateway and aux addresses are never handed to a container: B reserves 10.199.253.11 as
    // its gateway, so the three-address range has two left for containers.
    expect((await callPlugin(socketB, '/IpamDriver.RequestAddress', gateway)).status).toBe(200);
    const first = await requestAddress(socketB, POOL_ID, randomMac());
    const second = await requestAddress(socketB, POOL_ID, randomMac());
    expect([first.body.Address, second.body.Address]).toEqual(['10.199.253.10/24', '10.199.253.12/24']);
    const full = await requestAddress(socketB, POOL_ID, randomMac());
    expect(full.status).toBe(507);
    expect(String(full.body.Err)).toMatch(/^pool exhausted/);

    // Release is idempotent; a released address is given again.
    const release = { PoolID: POOL_ID, Address: '10.199.253.10' };
    expect((await callPlugin(socketB, '/IpamDriver.ReleaseAddress', release)).status).toBe(200);
    expect((await callPlugin(socketB, '/IpamDriver.ReleaseAddress', release)).status).toBe(200);
    expect((await requestAddress(socketA, POOL_ID, randomMac())).body.Address).toBe('10.199.253.10/24');
  });
});
