import { CredentialsSignin } from 'next-auth';

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

/** The LDAP directory is down, untrusted or refuses the service account: directory users cannot sign in, local ones can. */
export class DirectoryUnavailable extends CredentialsSignin {
  override code = 'directory_unavailable';
}

/** Right password, but none of the user's groups is mapped to a role: refused, never a default role. */
export class NoDirectoryRole extends CredentialsSignin {
  override code = 'directory_no_role';
}
