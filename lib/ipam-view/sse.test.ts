import { describe, expect, it } from 'vitest';
import { isVisibleChange, toIpamChanges } from './changes';
import { formatSseMessage } from '@/lib/http/sse-stream';
import { resumeRevision } from './sse';

describe('the live feed framing', () => {
  it('writes id, event and one line of JSON data, ended by a blank line', () => {
    expect(formatSseMessage({ id: '42', event: 'ipam', data: { text: 'a\nb' } })).toBe('id: 42\nevent: ipam\ndata: {"text":"a\\nb"}\n\n');
  });

  it('resumes after Last-Event-ID first, then ?since=, and ignores anything but a revision', () => {
    expect(resumeRevision('17', '5')).toBe('17');
    expect(resumeRevision(null, '5')).toBe('5');
    expect(resumeRevision('', null)).toBeUndefined();
    expect(resumeRevision('17; drop', null)).toBeUndefined();
  });
});

describe('raw etcd changes as feed events', () => {
  const context = { live: new Set(['h1']), engineHost: 'h1', names: new Map([['02:42:00:00:00:01', 'web']]), now: Date.parse('2030-01-01T00:00:00Z') };
  const record = (mac: string, at: string) => JSON.stringify({ kind: 'container', host: 'h1', mac, at, nonce: 'n' });

  it('skips the MAC index, blocks and refs, and keeps addresses, configs and host addresses', () => {
    const keys = ['subnets/p/macs/aa', 'subnets/p/blocks/x-28', 'subnets/p/refs/h1', 'subnets/p/addrs/10.0.0.2', 'subnets/p/config', 'subnets/p/hosts/10.0.0.1'];
    expect(keys.filter((key) => isVisibleChange({ type: 'delete', key, modRevision: '1' }))).toEqual(keys.slice(3));
  });

  it('names the container, flags an old allocation without one as leaked, and reports releases and pool changes', () => {
    const changes = toIpamChanges(
      [
        { type: 'put', key: 'subnets/p/addrs/10.0.0.2', value: record('02:42:00:00:00:01', '2029-12-31T00:00:00Z'), modRevision: '9' },
        { type: 'put', key: 'subnets/p/addrs/10.0.0.3', value: record('02:42:00:00:00:02', '2029-12-31T00:00:00Z'), modRevision: '9' },
        { type: 'put', key: 'subnets/p/addrs/10.0.0.4', value: record('02:42:00:00:00:03', '2029-12-31T23:59:59Z'), modRevision: '9' },
        { type: 'delete', key: 'subnets/p/addrs/10.0.0.5', modRevision: '9' },
        { type: 'put', key: 'subnets/p/config', value: '{}', modRevision: '9' },
        { type: 'put', key: 'subnets/p/hosts/10.0.0.1', value: '{}', modRevision: '9' },
      ],
      context,
    );
    expect(changes).toEqual([
      { type: 'allocated', allocation: expect.objectContaining({ address: '10.0.0.2', container: 'web', status: 'in-use' }) },
      { type: 'allocated', allocation: expect.objectContaining({ address: '10.0.0.3', container: null, status: 'leaked' }) },
      // Too young to judge: its container may still be starting.
      { type: 'allocated', allocation: expect.objectContaining({ address: '10.0.0.4', status: 'unknown' }) },
      { type: 'released', poolId: 'p', address: '10.0.0.5' },
      { type: 'pool-changed', poolId: 'p' },
    ]);
  });

  it('calls an allocation of a host without a live plugin host-gone', () => {
    const [change] = toIpamChanges(
      [{ type: 'put', key: 'subnets/p/addrs/10.0.0.2', value: record('02:42:00:00:00:09', '2029-01-01T00:00:00Z').replace('"h1"', '"h9"'), modRevision: '3' }],
      context,
    );
    expect(change).toMatchObject({ allocation: { host: 'h9', status: 'host-gone' } });
  });
});
