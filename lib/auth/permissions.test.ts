import { describe, expect, it } from 'vitest';
import { roleGrants } from './permissions';

describe('roleGrants', () => {
  it('gives admin everything', () => {
    expect(roleGrants('admin', 'accounts:write')).toBe(true);
    expect(roleGrants('admin', 'containers:write')).toBe(true);
  });

  it('lets an operator change the cluster but not accounts or events', () => {
    expect(roleGrants('operator', 'containers:write')).toBe(true);
    expect(roleGrants('operator', 'networks:write')).toBe(true);
    expect(roleGrants('operator', 'events:read')).toBe(true);
    expect(roleGrants('operator', 'events:write')).toBe(false);
    expect(roleGrants('operator', 'accounts:read')).toBe(false);
  });

  it('lets a viewer read the cluster and change nothing', () => {
    expect(roleGrants('viewer', 'containers:read')).toBe(true);
    expect(roleGrants('viewer', 'containers:write')).toBe(false);
    expect(roleGrants('viewer', 'ipam:write')).toBe(false);
    expect(roleGrants('viewer', 'accounts:read')).toBe(false);
  });
});
