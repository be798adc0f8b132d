import { describe, expect, it } from 'vitest';
import { granteeGrants, roleGrants } from './permissions';

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

describe('granteeGrants', () => {
  it('adds per-area grants to the role, a write grant including the read', () => {
    const viewer = { role: 'viewer' as const, grants: ['containers:write', 'images:read'] };
    expect(granteeGrants(viewer, 'containers:write')).toBe(true);
    expect(granteeGrants(viewer, 'containers:read')).toBe(true);
    expect(granteeGrants(viewer, 'images:write')).toBe(false);
    expect(granteeGrants(viewer, 'networks:write')).toBe(false);
    expect(granteeGrants({ role: 'viewer' }, 'networks:read')).toBe(true);
  });

  it('never lets a grant reach accounts', () => {
    expect(granteeGrants({ role: 'operator', grants: ['accounts:write'] }, 'accounts:write')).toBe(false);
    expect(granteeGrants({ role: 'admin' }, 'accounts:write')).toBe(true);
  });

  it('keeps secrets for admins unless an admin grants them, and volumes like the cluster', () => {
    expect(roleGrants('operator', 'secrets:read')).toBe(false);
    expect(roleGrants('viewer', 'secrets:read')).toBe(false);
    expect(roleGrants('admin', 'secrets:write')).toBe(true);
    expect(granteeGrants({ role: 'operator', grants: ['secrets:write'] }, 'secrets:write')).toBe(true);
    expect(granteeGrants({ role: 'operator', grants: ['secrets:write'] }, 'secrets:read')).toBe(true);
    expect(granteeGrants({ role: 'viewer', grants: ['secrets:read'] }, 'secrets:write')).toBe(false);
    expect(roleGrants('operator', 'volumes:write')).toBe(true);
    expect(roleGrants('viewer', 'volumes:read')).toBe(true);
    expect(roleGrants('viewer', 'volumes:write')).toBe(false);
  });
});
