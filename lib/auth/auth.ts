import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getConfig } from '@/lib/config/config';
import { getDatabase } from '@/lib/server/services';
import { credentialsAuthorizer } from './authorize-credentials';
import { endSignedOutSessions } from './end-session';
import { createDatabaseLoginRateLimiter } from './login-rate-limit';
import { redirectTarget } from './redirect-target';

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

// Kept in the database, so every console process behind a load balancer counts against one limit.
const authorizeCredentials = credentialsAuthorizer({
  database: getDatabase,
  limiter: createDatabaseLoginRateLimiter(getDatabase, { maxFailures: 5, windowMs: 60_000 }),
  ldap: () => getConfig().ldap,
});

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login' },
  providers: [Credentials({ credentials: { username: {}, password: {} }, authorize: authorizeCredentials })],
  callbacks: {
    // Never the bind address in a Location header: paths, on the origin the browser used.
    redirect({ url, baseUrl }) {
      return redirectTarget(url, baseUrl, getConfig().publicUrl);
    },
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
