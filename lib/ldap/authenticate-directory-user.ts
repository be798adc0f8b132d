import { InvalidCredentialsError, SizeLimitExceededError, type Client } from 'ldapts';
import type { LdapSettings } from '@/lib/config/ldap-settings';
import type { Role } from '@/prisma-free-db';
import { directoryProblem } from './directory-unavailable';
import { fillFilter } from './escape';
import { closeDirectory, openDirectory } from './open-directory';
import { accessForGroups } from './role-map';

/** What the directory says about a sign-in; a directory that cannot be used throws DirectoryUnavailableError instead. */
export type DirectorySignIn =
  | { outcome: 'signed-in'; dn: string; role: Role; grants: string[]; groups: string[] }
  | { outcome: 'refused'; reason: 'empty password' | 'unknown user' | 'ambiguous user' | 'wrong password' }
  /** The password was right, but no group of the user is in SHIPYARD_LDAP_ROLE_MAP. */
  | { outcome: 'no-mapped-group'; dn: string; groups: string[] };

async function serviceConnection(settings: LdapSettings): Promise<Client> {
  const client = await openDirectory(settings);
  try {
    await client.bind(settings.bindDn, settings.bindPassword);
  } catch (error) {
    await closeDirectory(client);
    throw directoryProblem(error, 'service-bind');
  }
  return client;
}

/** The DN of the one entry the user filter finds, or why there is none. */
async function findUser(service: Client, settings: LdapSettings, username: string): Promise<string | 'unknown user' | 'ambiguous user'> {
  try {
    const { searchEntries } = await service.search(settings.userBase, {
      scope: 'sub',
      filter: fillFilter(settings.userFilter, { username }),
      attributes: ['1.1'], // the DNs only
      sizeLimit: 2,
    });
    const [entry, another] = searchEntries;
    if (entry === undefined) return 'unknown user';
    return another === undefined ? entry.dn : 'ambiguous user';
  } catch (error) {
    if (error instanceof SizeLimitExceededError) return 'ambiguous user';
    throw directoryProblem(error, 'other');
  }
}

/** The user's own bind, on a connection of its own, proves the password. */
async function passwordIsRight(settings: LdapSettings, dn: string, password: string): Promise<boolean> {
  const client = await openDirectory(settings);
  try {
    await client.bind(dn, password);
    return true;
  } catch (error) {
    if (error instanceof InvalidCredentialsError) return false;
    throw directoryProblem(error, 'other');
  } finally {
    await closeDirectory(client);
  }
}

async function groupsOf(service: Client, settings: LdapSettings, dn: string, username: string): Promise<string[]> {
  try {
    const { searchEntries } = await service.search(settings.groupBase, {
      scope: 'sub',
      filter: fillFilter(settings.groupFilter, { dn, username }),
      attributes: ['1.1'],
    });
    return searchEntries.map((entry) => entry.dn);
  } catch (error) {
    throw directoryProblem(error, 'other');
  }
}

/**
 * The directory sign-in: the service account binds and searches the user (the name escaped into
 * SHIPYARD_LDAP_USER_FILTER), the user binds with the password, and the user's groups are mapped
 * to a role and grants. An empty password is refused before anything is sent: many servers take
 * a bind with a name and no password as an anonymous bind that succeeds.
 */
export async function authenticateDirectoryUser(settings: LdapSettings, username: string, password: string): Promise<DirectorySignIn> {
  if (password === '') return { outcome: 'refused', reason: 'empty password' };
  const service = await serviceConnection(settings);
  try {
    const dn = await findUser(service, settings, username);
    if (dn === 'unknown user' || dn === 'ambiguous user') return { outcome: 'refused', reason: dn };
    if (!(await passwordIsRight(settings, dn, password))) return { outcome: 'refused', reason: 'wrong password' };
    const groups = await groupsOf(service, settings, dn, username);
    const access = accessForGroups(settings.roleMap, groups);
    if (access === null) return { outcome: 'no-mapped-group', dn, groups };
    return { outcome: 'signed-in', dn, role: access.role, grants: access.grants, groups: access.groups };
  } finally {
    await closeDirectory(service);
  }
}

/** The health check's probe: the service account binds (so a refused account shows, not only a down server). */
export async function probeDirectory(settings: LdapSettings): Promise<void> {
  await closeDirectory(await serviceConnection(settings));
}
