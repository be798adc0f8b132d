import { recordAudit } from '@/lib/audit/record-audit';
import type { LdapSettings } from '@/lib/config/ldap-settings';
import { ConflictError } from '@/lib/errors/app-error';
import { authenticateDirectoryUser } from '@/lib/ldap/authenticate-directory-user';
import { DirectoryUnavailableError } from '@/lib/ldap/directory-unavailable';
import { createDirectoryAccount, findAccountByUsername, updateAccountSettings, type Account, type DatabaseHandle } from '@/prisma-free-db';
import { usernameSchema } from '@/prisma-free-db/schemas/account';
import type { LoginRateLimiter } from './login-rate-limit';
import { AccountDisabled, DirectoryUnavailable, NoDirectoryRole } from './sign-in-refusals';

export interface DirectorySignInRequest {
  database: DatabaseHandle;
  limiter: LoginRateLimiter;
  /** The rate limit's key: the attempt is already counted, a success clears it. */
  key: string;
  settings: LdapSettings;
  /** The directory account of this name from an earlier sign-in, or null at the first. */
  account: Account | null;
  username: string;
  password: string;
  address: string;
  /** Turns a database failure into the login form's "database unavailable". */
  unavailable: (error: unknown) => never;
}

/** The local row of a directory user, with the role and grants their groups give now. */
async function directoryAccount(database: DatabaseHandle, known: Account | null, username: string, role: Account['role'], grants: string[]): Promise<Account> {
  if (known === null) {
    try {
      return await createDirectoryAccount(database, { username, role, grants });
    } catch (error) {
      // Two first sign-ins at once: the other one made the row.
      const made = error instanceof ConflictError ? await findAccountByUsername(database, username) : null;
      if (made?.source !== 'ldap') throw error;
      known = made;
    }
  }
  const sameGrants = known.grants.length === grants.length && known.grants.every((grant, index) => grant === grants[index]);
  if (known.role === role && sameGrants) return known;
  return updateAccountSettings(database, known.id, { role, grants });
}

/**
 * Signs in a user of the LDAP directory (lib/ldap/authenticate-directory-user.ts) and keeps their
 * local row (source ldap, no password) with the role and grants their groups map to at this
 * sign-in. Audited as auth.login like a local sign-in; the failure's reason is in the details.
 */
export async function directorySignIn(request: DirectorySignInRequest): Promise<{ id: string; name: string } | null> {
  const { database, limiter, key, settings, username, password, address, unavailable } = request;
  const fail = (reason: string, extra: Record<string, string> = {}) =>
    recordAudit(database, { actor: username, action: 'auth.login', target: null, outcome: 'failure', address, details: { source: 'ldap', reason, ...extra } });

  // A name no account may have is not asked for: it could not be kept as a local row.
  if (!usernameSchema.safeParse(username).success) {
    await fail('not a valid username');
    return null;
  }
  let result;
  try {
    result = await authenticateDirectoryUser(settings, username, password);
  } catch (error) {
    if (!(error instanceof DirectoryUnavailableError)) throw error;
    console.error(`login: ${error.message} (${error.detail})`);
    await fail('directory unavailable', { problem: error.problem });
    throw new DirectoryUnavailable();
  }
  if (result.outcome === 'refused') {
    await fail(result.reason);
    return null;
  }
  await limiter.reset(key).catch(unavailable);
  if (result.outcome === 'no-mapped-group') {
    await fail('no mapped group', { dn: result.dn });
    throw new NoDirectoryRole();
  }
  const account = await directoryAccount(database, request.account, username, result.role, result.grants).catch(unavailable);
  if (account.disabled) {
    await fail('account disabled');
    throw new AccountDisabled();
  }
  await recordAudit(database, { actor: account.username, action: 'auth.login', target: null, outcome: 'success', address, details: { source: 'ldap', role: result.role } });
  return { id: account.id, name: account.username };
}
