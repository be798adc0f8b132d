// The seed's flat network across lab hosts: etcd-pool addresses, cross-host traffic, the router.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flatAddress, isPoolAddress, removeTestContainers, startOnFlat, unreachableFrom } from './containers';
import { docker, lab, repairLab, uniqueName } from './support';

describe.skipIf(!lab)('lab: flat network across hosts', () => {
  const hosts = lab ? lab.dockers.map((_url, index) => index + 1) : [];

  beforeAll(repairLab, 300_000);
  afterAll(removeTestContainers, 300_000);

  it('gives containers on different hosts distinct pool addresses that ping each other and the router', async () => {
    const names = hosts.map((host) => uniqueName(`flat-h${host}`));
    const addresses = await Promise.all(hosts.map((host, index) => startOnFlat(host, names[index] ?? '')));

    expect(new Set(addresses).size).toBe(hosts.length);
    for (const address of addresses) expect(isPoolAddress(address), address).toBe(true);
    for (const [index, host] of hosts.entries()) {
      const others = addresses.filter((_address, other) => other !== index);
      expect(await unreachableFrom(host, names[index] ?? '', [...others, lab?.router ?? ''])).toEqual([]);
    }
  }, 300_000);

  it('keeps a container working after it is stopped and started again', async () => {
    const [first = 1, second = 1] = hosts.length > 1 ? hosts : [1, 1];
    const peer = uniqueName('restart-peer');
    const subject = uniqueName('restart-subject');
    await startOnFlat(first, peer);
    await startOnFlat(second, subject);

    await docker(second, ['stop', '-t', '1', subject]);
    await docker(second, ['start', subject]);
    const address = await flatAddress(second, subject);

    expect(isPoolAddress(address), address).toBe(true);
    expect(await unreachableFrom(first, peer, [address])).toEqual([]);
    expect(await unreachableFrom(second, subject, [lab?.router ?? ''])).toEqual([]);
  }, 300_000);
});
