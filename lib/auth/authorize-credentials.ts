import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { clientAddress } from '@/lib/http/client-address';
import type { LdapSettings } from '@/lib/config/ldap-settings';
import { findAccountByUsername, type DatabaseHandle } from '@/prisma-free-db';
import { directorySignIn } from './directory-sign-in';
import { loginRateLimitKey, type LoginRateLimiter } from './login-rate-limit';
import { verifyPassword } from './password';
import { AccountDisabled, LoginServiceUnavailable, TooManyLoginAttempts } from './sign-in-refusals';

export { AccountDisabled, DirectoryUnavailable, LoginServiceUnavailable, NoDirectoryRole, TooManyLoginAttempts } from './sign-in-refusals';

const credentialsSchema = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) });

// Compared against when the username does not exist, so both failures take the same time.
const DUMMY_HASH = '$2b$12$C6UzMDM.H6dfI/f/IKcEeO5nGkXFdV1r2Qf0xk1cVYyJ4cC0DX9Ym';

export interface CredentialsDependencies {
  database: () => Promise<DatabaseHandle>;
  /** Failed sign-ins per username and address (5 a minute in the console, kept in the database). */
  limiter: LoginRateLimiter;
  /** The password check (bcrypt); tests count its calls. */
  verify?: (password: string, hash: string) => Promise<boolean>;
  /** The directory sign-in's settings (SHIPYARD_LDAP_*), read at each sign-in; null: only local accounts. */
  ldap?: () => LdapSettings | null;
}

/** The account a sign-in form names, for next-auth's Credentials provider. */
export type CredentialsAuthorizer = (raw: Partial<Record<string, unknown>>, request: Request) => Promise<{ id: string; name: string } | null>;

/**
 * Checks a username and password. The attempt is counted before the password is looked at, in one
 * step that holds however many guesses arrive at once (LoginRateLimiter.attempt): past the limit
 * the password is never checked. A success clears the count; a failure stays counted. Every
 * outcome is audited as auth.login.
 */
export function credentialsAuthorizer({ database: openDatabase, limiter, verify = verifyPassword, ldap = () => null }: CredentialsDependencies): CredentialsAuthorizer {
  return async (raw, request) => {
    const parsed = credentialsSchema.safeParse(raw);
    if (!parsed.success) return null;
    const { username, password } = parsed.data;
    const address = clientAddress(request.headers);
    const key = loginRateLimitKey(username, address);

    let database;
    try {
      database = await openDatabase();
    } catch (error) {
      console.error('login: the database is unavailable', error instanceof Error ? error.message : error);
      throw new LoginServiceUnavailable();
    }
    const unavailable = (error: unknown): never => {
      if (error instanceof AppError) throw new LoginServiceUnavailable();
      throw error;
    };
    if ((await limiter.attempt(key).catch(unavailable)) > 0) throw new TooManyLoginAttempts();
    const account = await findAccountByUsername(database, username).catch(unavailable);
    // A local account of the name wins: its own password, the directory is not asked (break-glass
    // admins sign in whatever the directory says). Every other name goes to the directory, if on.
    if (account === null || account.source === 'ldap') {
      const settings = ldap();
      if (settings !== null) return directorySignIn({ database, limiter, key, settings, account, username, password, address, unavailable });
      if (account !== null) {
        await recordAudit(database, { actor: username, action: 'auth.login', target: null, outcome: 'failure', address, details: { reason: 'directory account, LDAP sign-in is off' } });
        return null;
      }
    }
    const valid = await verify(password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !valid) {
      // Already counted by attempt(): it stays as this failure.
      await recordAudit(database, { actor: username, action: 'auth.login', target: null, outcome: 'failure', address });
      return null;
    }
    await limiter.reset(key).catch(unavailable);
    if (account.disabled) {
      await recordAudit(database, {
        actor: account.username,
        action: 'auth.login',
        target: null,
        outcome: 'failure',
        address,
        details: { reason: 'account disabled' },
      });
      throw new AccountDisabled();
    }
    await recordAudit(database, { actor: account.username, action: 'auth.login', target: null, outcome: 'success', address });
    return { id: account.id, name: account.username };
  };
}
