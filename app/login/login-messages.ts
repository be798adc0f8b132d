/** The words the login form shows for each failure code from lib/auth/auth.ts. */
export function loginMessageFor(code: string): string {
  switch (code) {
    case 'rate_limited':
      return 'Too many failed sign-in attempts for this username: wait a minute and try again.';
    case 'account_disabled':
      return 'This account is disabled: ask an administrator to enable it.';
    case 'database_unavailable':
      return 'The account database is unreachable, so nobody can sign in: check SHIPYARD_DATABASE and that RethinkDB is running.';
    default:
      return 'Wrong username or password.';
  }
}
