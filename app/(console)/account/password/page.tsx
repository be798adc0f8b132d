import { requirePageUser } from '@/lib/auth/guard';
import { ChangePasswordForm } from './change-password-form';

export const dynamic = 'force-dynamic';

export default async function ChangePasswordPage() {
  const user = await requirePageUser('viewer', '/account/password', { beforePasswordChange: true });
  return (
    <>
      <h1>Account: {user.username}</h1>
      {user.source === 'ldap' ? (
        <p className="hint" data-testid="directory-password-notice">
          You sign in through the LDAP directory: change your password there. This console keeps no password for your account, and your role ({user.role}) follows your directory groups at each sign-in.
        </p>
      ) : (
        <ChangePasswordForm />
      )}
    </>
  );
}
