import { describe, expect, it } from 'vitest';
import { accessForGroups, normalizeDn, parseRoleMap } from './role-map';

const map = 'cn=admins,ou=groups,dc=example,dc=org=admin; CN=Ops, ou=Groups,dc=example,dc=org=operator+images:write+networks:read;cn=view,dc=example,dc=org=viewer+images:read';

describe('parseRoleMap', () => {
  it('reads group DNs, roles and grants, the role after the last = sign', () => {
    const result = parseRoleMap(map);
    expect(result).toEqual({
      ok: true,
      mappings: [
        { groupDn: 'cn=admins,ou=groups,dc=example,dc=org', role: 'admin', grants: [] },
        { groupDn: 'cn=ops,ou=groups,dc=example,dc=org', role: 'operator', grants: ['images:write', 'networks:read'] },
        { groupDn: 'cn=view,dc=example,dc=org', role: 'viewer', grants: ['images:read'] },
      ],
    });
  });

  it('says what is wrong with each entry', () => {
    const result = parseRoleMap('admins=admin;cn=a,dc=x=root;cn=b,dc=x=viewer+accounts:write;nothing');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.stringContaining('"admins=admin" does not start with a group DN'),
      expect.stringContaining('"root" is not a role'),
      expect.stringContaining('"accounts:write" is not a grant'),
      expect.stringContaining('"nothing" does not start with a group DN'),
    ]);
    expect(parseRoleMap('cn=a\\;b,dc=x=viewer')).toEqual({ ok: true, mappings: [{ groupDn: 'cn=a\\;b,dc=x', role: 'viewer', grants: [] }] });
    expect(parseRoleMap(' ; ')).toEqual({ ok: false, problems: [expect.stringContaining('no group is mapped')] });
  });
});

describe('accessForGroups', () => {
  const result = parseRoleMap(map);
  const mappings = result.ok ? result.mappings : [];

  it('gives the most powerful mapped role and the union of grants', () => {
    expect(accessForGroups(mappings, ['cn=view,dc=example,dc=org', 'cn=ops, ou=groups, dc=example, dc=org'])).toEqual({
      role: 'operator',
      grants: ['images:read', 'images:write', 'networks:read'],
      groups: ['cn=ops,ou=groups,dc=example,dc=org', 'cn=view,dc=example,dc=org'],
    });
    expect(accessForGroups(mappings, ['CN=Admins,OU=Groups,DC=Example,DC=Org'])?.role).toBe('admin');
  });

  it('gives nothing, not a default role, when no group is mapped', () => {
    expect(accessForGroups(mappings, ['cn=other,dc=example,dc=org'])).toBeNull();
    expect(accessForGroups(mappings, [])).toBeNull();
  });

  it('compares DNs without case or spaces around separators', () => {
    expect(normalizeDn(' CN=Ops , OU=Groups ')).toBe('cn=ops,ou=groups');
    expect(normalizeDn('cn=a\\,b,dc=x')).toBe('cn=a\\,b,dc=x');
  });
});
