// The flat network on "every engine" against the real engine: the stack's one engine is listed
// twice under two host names (the second reports that it already exists), and an engine that does
// not answer fails in words without hiding the others; a clash on another subnet is a failure.
import { afterAll, describe, expect, it } from 'vitest';
import { engineHandlesFrom, stopEngines } from '@/lib/engines/engines';
import { parseDockerEndpoint } from '@/lib/config/docker-endpoint';
import { EngineClient } from '@/lib/docker/engine-client';
import { systemCaller } from '@/lib/docker/engine-request';
import { docker, dockerOk } from '@/tests/ipam/support/docker-cli';
import { uniqueId } from '@/tests/ipam/support/fixtures';
import { createFlatNetworkOn, summarize, type NetworkTarget } from './flat-everywhere';
import { createNetworkSchema } from './network-schema';
import { resolveTargets } from './network-targets';

const id = uniqueId();
const third = 100 + (parseInt(id.slice(0, 2), 16) % 100);
const url = process.env.SHIPYARD_DOCKER ?? '';
const name = `synetall-${id}`;

function client(engineUrl: string): EngineClient {
  const endpoint = parseDockerEndpoint(engineUrl, {});
  if (Array.isArray(endpoint)) throw new Error(endpoint.join('; '));
  return EngineClient.connect(endpoint);
}

const tester = systemCaller('test');

const input = (subnet: string) =>
  createNetworkSchema.parse({
    kind: 'flat',
    name,
    subnet,
    gateway: subnet.replace(/0\/24$/, '1'),
    router: subnet.replace(/0\/24$/, '254'),
    bridgeName: `sya${id}`,
    ipamDriver: 'default',
    otherIpamDriver: true,
    target: 'all',
    labels: { 'shipyard-test': 'networks' },
  });

describe('the flat network on every engine', () => {
  const handles = engineHandlesFrom({ SHIPYARD_DOCKER: url });
  afterAll(async () => {
    stopEngines(handles);
    await docker('network', 'rm', name);
  });

  it('reports per host: created, already exists, and the unreachable engine in words', async () => {
    const parsed = input(`10.195.${third - 100}.0/24`);
    if (parsed.kind !== 'flat') throw new Error('flat expected');
    // host-a's own address; host-b (the same engine) would get its own too, but finds the network there.
    const flat = { ...parsed, gateways: { 'host-a': `10.195.${third - 100}.3`, 'host-b': `10.195.${third - 100}.4` } };
    const targets: NetworkTarget[] = [
      { host: 'host-a', url, docker: client(url) },
      { host: 'host-b', url, docker: client(url) },
      { host: 'host-down', url: 'tcp://127.0.0.1:1', docker: client('tcp://127.0.0.1:1') },
    ];
    const results = await createFlatNetworkOn(targets, flat);
    expect(results.map((result) => [result.host, result.outcome])).toEqual([
      ['host-a', 'created'],
      ['host-b', 'exists'],
      ['host-down', 'failed'],
    ]);
    expect(results[0]?.message).toContain(`created ${name} (10.195.${third - 100}.0/24`);
    expect(results[1]?.message).toContain('already exists');
    expect(results[1]?.networkId).toBe(results[0]?.networkId);
    expect(results[2]?.message).toMatch(/tcp:\/\/127\.0\.0\.1:1 is unreachable/);
    expect(summarize(results)).toBe('created on 1 of 3 host(s), already there on 1, failed on 1 (host-down)');
    expect(await dockerOk('network', 'inspect', '-f', '{{(index .IPAM.Config 0).Gateway}} {{(index .IPAM.Config 0).AuxiliaryAddresses}}', name)).toBe(
      `10.195.${third - 100}.3 map[DefaultGatewayIPv4:10.195.${third - 100}.254]`,
    );
  });

  it('calls the same name on another subnet a failure, with both subnets named', async () => {
    const other = input(`10.195.${third}.0/24`);
    if (other.kind !== 'flat') throw new Error('flat expected');
    const [result] = await createFlatNetworkOn(await resolveTargets(handles, 'all', tester), other);
    expect(result).toMatchObject({ outcome: 'failed', networkId: null });
    expect(result?.message).toContain(`already exists here with subnet 10.195.${third - 100}.0/24, not 10.195.${third}.0/24`);
  });

  it('refuses a router outside the subnet before asking any engine, and an unknown target', async () => {
    const bad = { ...input(`10.195.${third}.0/24`), router: '10.194.0.254' };
    if (bad.kind !== 'flat') throw new Error('flat expected');
    await expect(createFlatNetworkOn([{ host: 'h', url, docker: client(url) }], bad)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'router' }] });
    const badHost = { ...input(`10.195.${third}.0/24`), gateways: { h: '10.194.0.9' } };
    if (badHost.kind !== 'flat') throw new Error('flat expected');
    await expect(createFlatNetworkOn([{ host: 'h', url, docker: client(url) }], badHost)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('10.194.0.9 (the gateway for h) is outside the subnet'),
      fields: [{ path: 'gateways.h' }],
    });
    await expect(resolveTargets(handles, 'no-such-host', tester)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'target' }] });
    const [only] = await resolveTargets(handles, url, tester);
    expect(only?.url).toBe(url);
    expect((await resolveTargets(handles, only?.host ?? '', tester))[0]?.url).toBe(url);
  });
});
