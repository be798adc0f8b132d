/** The words the login form shows for each failure code from lib/auth/auth.ts. */
export function loginMessageFor(code: string): string {
  switch (code) {
    case 'rate_limited':
      return 'Too many failed sign-in attempts for this username: wait a minute and try again.';
    case 'account_disabled':
      return 'This account is disabled: ask an administrator to enable it.';
    case 'database_unavailable':
      return 'The account database is unreachable, so nobody can sign in: check SHIPYARD_DATABASE and that RethinkDB is running.';
    case 'directory_unavailable':
      return 'The LDAP directory cannot be reached or refused the console, so directory accounts cannot sign in now; local accounts still can. An administrator finds the reason in /api/health and in the console log.';
    case 'directory_no_role':
      return 'Your directory account is in no group this console maps to a role, so it may not sign in: ask an administrator to add you to a mapped group (SHIPYARD_LDAP_ROLE_MAP).';
    default:
      return 'Wrong username or password.';
  }
}
