import { describe, expect, it } from 'vitest';
import { granteeGrants, roleGrants } from '@/lib/auth/permissions';

describe('the registries area', () => {
  it('is written by admins only; every role may list (and so use) saved registries', () => {
    expect(roleGrants('admin', 'registries:write')).toBe(true);
    expect(roleGrants('operator', 'registries:write')).toBe(false);
    expect(roleGrants('operator', 'registries:read')).toBe(true);
    expect(roleGrants('viewer', 'registries:read')).toBe(true);
    expect(granteeGrants({ role: 'operator', grants: ['swarm:write'] }, 'registries:write')).toBe(false);
  });
});
