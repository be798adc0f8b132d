import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';
import { recordAudit } from '@/lib/audit/record-audit';
import { getDatabase } from '@/lib/server/services';
import { clientAddress } from '@/lib/http/client-address';
import { findAccountByUsername } from '@/prisma-free-db';
import { endSignedOutSessions } from './end-session';
import { createDatabaseLoginRateLimiter, loginRateLimitKey } from './login-rate-limit';
import { verifyPassword } from './password';

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** The codes the login form turns into words (see app/login/login-messages.ts). */
export class TooManyLoginAttempts extends CredentialsSignin {
  override code = 'rate_limited';
}

/** Only after the right password, so the message reveals nothing to someone guessing. */
export class AccountDisabled extends CredentialsSignin {
  override code = 'account_disabled';
}

export class LoginServiceUnavailable extends CredentialsSignin {
  override code = 'database_unavailable';
}

const credentialsSchema = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) });

// Kept in the database, so every console process behind a load balancer counts against one limit.
const limiter = createDatabaseLoginRateLimiter(getDatabase, { maxFailures: 5, windowMs: 60_000 });

// Compared against when the username does not exist, so both failures take the same time.
const DUMMY_HASH = '$2b$12$C6UzMDM.H6dfI/f/IKcEeO5nGkXFdV1r2Qf0xk1cVYyJ4cC0DX9Ym';

async function authorizeCredentials(raw: Partial<Record<string, unknown>>, request: Request) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { username, password } = parsed.data;
  const address = clientAddress(request.headers);
  const key = loginRateLimitKey(username, address);

  let database;
  try {
    database = await getDatabase();
  } catch (error) {
    console.error('login: the database is unavailable', error instanceof Error ? error.message : error);
    throw new LoginServiceUnavailable();
  }
  const unavailable = (error: unknown): never => {
    if (error instanceof AppError) throw new LoginServiceUnavailable();
    throw error;
  };
  if ((await limiter.retryAfterSeconds(key).catch(unavailable)) > 0) throw new TooManyLoginAttempts();
  const account = await findAccountByUsername(database, username).catch(unavailable);
  const valid = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
  if (!account || !valid) {
    await limiter.recordFailure(key).catch(unavailable);
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
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login' },
  providers: [Credentials({ credentials: { username: {}, password: {} }, authorize: authorizeCredentials })],
  callbacks: {
    // The token carries only the account id; role and flags are read fresh on every request.
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.signedInAt = Date.now();
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.signedInAt = token.signedInAt;
      return session;
    },
  },
  events: {
    // next-auth logs what this throws and clears the cookie anyway.
    async signOut(signedOut) {
      await endSignedOutSessions(await getDatabase(), signedOut);
    },
  },
  logger: {
    error(error) {
      if (error instanceof CredentialsSignin) return; // a wrong password is not a server error
      console.error('[auth]', error);
    },
  },
});
