import { parseRoleMap, type GroupMapping } from '@/lib/ldap/role-map';
import type { Environment } from './config';
import { readPemSetting } from './pem-setting';
import { readSecretSetting } from './secret-setting';

/** The directory sign-in's settings (SHIPYARD_LDAP_*); see docs/ldap.md. */
export interface LdapSettings {
  /** ldap://host[:port] or ldaps://host[:port]. */
  url: string;
  /** Upgrade an ldap:// connection with StartTLS before anything is sent (SHIPYARD_LDAP_STARTTLS). */
  startTls: boolean;
  /** The CA certificate(s) the server's certificate must chain to (SHIPYARD_LDAP_CA, a PEM file); undefined: the system's. */
  ca: string | undefined;
  /** The service account that searches the directory. Its password is never logged or returned. */
  bindDn: string;
  bindPassword: string;
  userBase: string;
  /** With {username}, replaced by the escaped name typed in the form. */
  userFilter: string;
  groupBase: string;
  /** With {dn} (the user's DN) and {username}, escaped. */
  groupFilter: string;
  roleMap: GroupMapping[];
}

export const LDAP_DEFAULTS = {
  SHIPYARD_LDAP_USER_FILTER: '(uid={username})',
  SHIPYARD_LDAP_GROUP_FILTER: '(|(member={dn})(uniqueMember={dn}))',
} as const;

export type LdapSettingsResult = { settings: LdapSettings | null; problems: string[] };

const YES = ['true', 'yes', 'on', '1'];
const NO = ['', 'false', 'no', 'off', '0'];

function balanced(filter: string): boolean {
  let depth = 0;
  for (const char of filter.replace(/\\./g, '')) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/**
 * Reads the SHIPYARD_LDAP_* settings: none set (no SHIPYARD_LDAP_URL), LDAP sign-in is off and
 * settings is null. Otherwise every missing or wrong one gets a message saying what to write.
 */
export function parseLdapSettings(env: Environment): LdapSettingsResult {
  const text = (name: string) => env[name]?.trim() ?? '';
  const url = text('SHIPYARD_LDAP_URL');
  const others = Object.keys(env).filter((name) => name.startsWith('SHIPYARD_LDAP_') && name !== 'SHIPYARD_LDAP_URL' && text(name) !== '');
  if (url === '') {
    return others.length === 0
      ? { settings: null, problems: [] }
      : { settings: null, problems: [`SHIPYARD_LDAP_URL: not set, but ${others.sort().join(', ')} ${others.length === 1 ? 'is' : 'are'}: give the directory's address (ldap://host:389 or ldaps://host:636) or unset the LDAP settings`] };
  }
  const problems: string[] = [];

  let parsedUrl: URL | null = null;
  try {
    parsedUrl = new URL(url);
  } catch {
    // reported below
  }
  if (!parsedUrl || !['ldap:', 'ldaps:'].includes(parsedUrl.protocol) || parsedUrl.hostname === '' || (parsedUrl.pathname !== '' && parsedUrl.pathname !== '/') || parsedUrl.username !== '') {
    problems.push(`SHIPYARD_LDAP_URL: "${url}" is not a directory address: write ldap://host:389 (with SHIPYARD_LDAP_STARTTLS=true) or ldaps://host:636, nothing after the port`);
  }

  const startTlsRaw = text('SHIPYARD_LDAP_STARTTLS').toLowerCase();
  const startTls = YES.includes(startTlsRaw);
  if (!startTls && !NO.includes(startTlsRaw)) problems.push(`SHIPYARD_LDAP_STARTTLS: "${env.SHIPYARD_LDAP_STARTTLS}" is not true or false`);
  if (startTls && parsedUrl?.protocol === 'ldaps:') problems.push('SHIPYARD_LDAP_STARTTLS: an ldaps:// address is TLS already; StartTLS is for ldap:// addresses: set it to false or use ldap://');

  const ca = readPemSetting(env, 'SHIPYARD_LDAP_CA', 'certificate');
  if (!ca.ok) problems.push(ca.problem);
  if (ca.ok && ca.pem !== undefined && parsedUrl?.protocol === 'ldap:' && !startTls) {
    problems.push('SHIPYARD_LDAP_CA: a CA is given but the connection is not TLS: set SHIPYARD_LDAP_STARTTLS=true or use an ldaps:// address');
  }

  const bindDn = text('SHIPYARD_LDAP_BIND_DN');
  if (bindDn === '') problems.push("SHIPYARD_LDAP_BIND_DN: not set; give the DN of the service account that searches for users, e.g. cn=shipyard,ou=services,dc=example,dc=org");
  const password = readSecretSetting(env, 'SHIPYARD_LDAP_BIND_PASSWORD');
  if (!password.ok) problems.push(password.problem);
  else if (password.value === undefined) problems.push("SHIPYARD_LDAP_BIND_PASSWORD: not set; give the service account's password (or SHIPYARD_LDAP_BIND_PASSWORD_FILE, a file holding it)");

  const userBase = text('SHIPYARD_LDAP_USER_BASE');
  if (userBase === '') problems.push('SHIPYARD_LDAP_USER_BASE: not set; give the DN users are searched under, e.g. ou=people,dc=example,dc=org');
  const groupBase = text('SHIPYARD_LDAP_GROUP_BASE');
  if (groupBase === '') problems.push('SHIPYARD_LDAP_GROUP_BASE: not set; give the DN groups are searched under, e.g. ou=groups,dc=example,dc=org');

  const userFilter = text('SHIPYARD_LDAP_USER_FILTER') || LDAP_DEFAULTS.SHIPYARD_LDAP_USER_FILTER;
  if (!userFilter.includes('{username}') || !userFilter.startsWith('(') || !balanced(userFilter)) {
    problems.push(`SHIPYARD_LDAP_USER_FILTER: "${userFilter}" must be a filter in parentheses holding {username}, e.g. (uid={username}) or (&(objectClass=person)(sAMAccountName={username}))`);
  }
  const groupFilter = text('SHIPYARD_LDAP_GROUP_FILTER') || LDAP_DEFAULTS.SHIPYARD_LDAP_GROUP_FILTER;
  if (!(groupFilter.includes('{dn}') || groupFilter.includes('{username}')) || !groupFilter.startsWith('(') || !balanced(groupFilter)) {
    problems.push(`SHIPYARD_LDAP_GROUP_FILTER: "${groupFilter}" must be a filter in parentheses holding {dn} or {username}, e.g. (member={dn}) or (memberUid={username})`);
  }

  const roleMapRaw = text('SHIPYARD_LDAP_ROLE_MAP');
  const roleMap = roleMapRaw === '' ? null : parseRoleMap(roleMapRaw);
  if (roleMap === null) problems.push('SHIPYARD_LDAP_ROLE_MAP: not set; map groups to roles, e.g. cn=admins,ou=groups,dc=example,dc=org=admin;cn=ops,ou=groups,dc=example,dc=org=operator+images:write (users in no mapped group cannot sign in)');
  else if (!roleMap.ok) problems.push(...roleMap.problems.map((problem) => `SHIPYARD_LDAP_ROLE_MAP: ${problem}`));

  if (problems.length > 0 || !ca.ok || !password.ok || password.value === undefined || roleMap === null || !roleMap.ok) return { settings: null, problems };
  return {
    settings: { url, startTls, ca: ca.pem, bindDn, bindPassword: password.value, userBase, userFilter, groupBase, groupFilter, roleMap: roleMap.mappings },
    problems: [],
  };
}
