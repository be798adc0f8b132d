import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { parseLdapSettings } from './ldap-settings';

const folder = mkdtempSync(path.join(os.tmpdir(), 'ldap-settings-'));
const caFile = path.join(folder, 'ca.pem');
writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
const notPem = path.join(folder, 'not.pem');
writeFileSync(notPem, 'hello');
const passwordFile = path.join(folder, 'bind-password');
writeFileSync(passwordFile, 'from-a-file\n');

const complete = {
  SHIPYARD_LDAP_URL: 'ldaps://ldap.example.org:636',
  SHIPYARD_LDAP_CA: caFile,
  SHIPYARD_LDAP_BIND_DN: 'cn=shipyard,ou=services,dc=example,dc=org',
  SHIPYARD_LDAP_BIND_PASSWORD: 'service-secret',
  SHIPYARD_LDAP_USER_BASE: 'ou=people,dc=example,dc=org',
  SHIPYARD_LDAP_GROUP_BASE: 'ou=groups,dc=example,dc=org',
  SHIPYARD_LDAP_ROLE_MAP: 'cn=admins,ou=groups,dc=example,dc=org=admin;cn=ops,ou=groups,dc=example,dc=org=operator+images:write',
};

describe('parseLdapSettings', () => {
  it('is off when nothing is set', () => {
    expect(parseLdapSettings({})).toEqual({ settings: null, problems: [] });
  });

  it('reads a complete setting with the default filters', () => {
    const { settings, problems } = parseLdapSettings(complete);
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({
      url: 'ldaps://ldap.example.org:636',
      startTls: false,
      ca: expect.stringContaining('BEGIN CERTIFICATE'),
      bindPassword: 'service-secret',
      userFilter: '(uid={username})',
      groupFilter: '(|(member={dn})(uniqueMember={dn}))',
      roleMap: [
        { groupDn: 'cn=admins,ou=groups,dc=example,dc=org', role: 'admin', grants: [] },
        { groupDn: 'cn=ops,ou=groups,dc=example,dc=org', role: 'operator', grants: ['images:write'] },
      ],
    });
  });

  it('reads the bind password from a file, never both ways', () => {
    const { SHIPYARD_LDAP_BIND_PASSWORD: _given, ...rest } = complete;
    expect(parseLdapSettings({ ...rest, SHIPYARD_LDAP_BIND_PASSWORD_FILE: passwordFile }).settings?.bindPassword).toBe('from-a-file');
    expect(parseLdapSettings({ ...complete, SHIPYARD_LDAP_BIND_PASSWORD_FILE: passwordFile }).problems).toEqual([
      'SHIPYARD_LDAP_BIND_PASSWORD and SHIPYARD_LDAP_BIND_PASSWORD_FILE are both set: keep one',
    ]);
  });

  it('names every missing or wrong setting and what to write', () => {
    const { settings, problems } = parseLdapSettings({
      SHIPYARD_LDAP_URL: 'http://ldap.example.org',
      SHIPYARD_LDAP_STARTTLS: 'maybe',
      SHIPYARD_LDAP_CA: notPem,
      SHIPYARD_LDAP_USER_FILTER: '(uid=fixed)',
      SHIPYARD_LDAP_GROUP_FILTER: '(member={dn}',
      SHIPYARD_LDAP_ROLE_MAP: 'cn=admins=superuser',
    });
    expect(settings).toBeNull();
    expect(problems).toEqual([
      expect.stringMatching(/^SHIPYARD_LDAP_URL: "http:\/\/ldap.example.org" is not a directory address/),
      'SHIPYARD_LDAP_STARTTLS: "maybe" is not true or false',
      expect.stringMatching(/^SHIPYARD_LDAP_CA: ".*not.pem" holds no PEM certificate/),
      expect.stringMatching(/^SHIPYARD_LDAP_BIND_DN: not set/),
      expect.stringMatching(/^SHIPYARD_LDAP_BIND_PASSWORD: not set/),
      expect.stringMatching(/^SHIPYARD_LDAP_USER_BASE: not set/),
      expect.stringMatching(/^SHIPYARD_LDAP_GROUP_BASE: not set/),
      expect.stringMatching(/^SHIPYARD_LDAP_USER_FILTER: "\(uid=fixed\)" must be a filter in parentheses holding \{username\}/),
      expect.stringMatching(/^SHIPYARD_LDAP_GROUP_FILTER: "\(member=\{dn\}" must be a filter/),
      expect.stringMatching(/^SHIPYARD_LDAP_ROLE_MAP: "cn=admins=superuser": "superuser" is not a role/),
    ]);
  });

  it('refuses StartTLS on ldaps://, a CA without TLS, and settings without an address', () => {
    expect(parseLdapSettings({ ...complete, SHIPYARD_LDAP_STARTTLS: 'true' }).problems).toEqual([expect.stringMatching(/^SHIPYARD_LDAP_STARTTLS: an ldaps:\/\/ address is TLS already/)]);
    expect(parseLdapSettings({ ...complete, SHIPYARD_LDAP_URL: 'ldap://ldap.example.org' }).problems).toEqual([expect.stringMatching(/^SHIPYARD_LDAP_CA: a CA is given but the connection is not TLS/)]);
    expect(parseLdapSettings({ ...complete, SHIPYARD_LDAP_URL: 'ldap://ldap.example.org', SHIPYARD_LDAP_STARTTLS: 'yes' }).settings?.startTls).toBe(true);
    expect(parseLdapSettings({ SHIPYARD_LDAP_BIND_DN: 'cn=x' }).problems).toEqual([expect.stringMatching(/^SHIPYARD_LDAP_URL: not set, but SHIPYARD_LDAP_BIND_DN is/)]);
  });

  it('stops the start through loadConfig, and is null there when off', () => {
    const secret = 'x'.repeat(40);
    const off = loadConfig({ AUTH_SECRET: secret });
    expect(off.ok && off.config.ldap).toBeNull();
    const wrong = loadConfig({ AUTH_SECRET: secret, SHIPYARD_LDAP_URL: 'ldap://x' });
    expect(wrong.ok ? [] : wrong.errors).toContainEqual(expect.stringMatching(/^SHIPYARD_LDAP_BIND_DN: not set/));
  });
});
