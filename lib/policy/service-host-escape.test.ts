import { describe, expect, it } from 'vitest';
import { serviceHostEscapes } from './service-host-escape';

describe('host-escaping service options', () => {
  it('names bind mounts, added capabilities and the host network, and nothing else', () => {
    expect(serviceHostEscapes({ mounts: [{ type: 'volume' }, { type: 'tmpfs' }], capAdd: [], networks: ['overlay-a'] })).toEqual([]);
    expect(serviceHostEscapes({ mounts: [{ type: 'bind' }], capAdd: ['NET_ADMIN'], networks: ['host'] })).toEqual([
      'bind mounts of host paths',
      'added capabilities (NET_ADMIN)',
      "the host's network",
    ]);
  });

  it('names volume driver options, changed security options and plugin tasks', () => {
    expect(serviceHostEscapes({ mounts: [{ type: 'volume', driverOptions: {} }], securityOptions: [], plugin: false })).toEqual([]);
    expect(serviceHostEscapes({ mounts: [{ type: 'volume', driverOptions: { o: 'bind', device: '/' } }], securityOptions: ['seccomp=unconfined'], plugin: true })).toEqual([
      'volume driver options',
      'security options (seccomp=unconfined)',
      'plugin tasks',
    ]);
  });
});
