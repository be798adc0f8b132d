import { requirePageUser } from '@/lib/auth/guard';
import { ChangePasswordForm } from './change-password-form';

export const dynamic = 'force-dynamic';

export default async function ChangePasswordPage() {
  const user = await requirePageUser('viewer', '/account/password', { beforePasswordChange: true });
  return (
    <>
      <h1>Account: {user.username}</h1>
      <ChangePasswordForm />
    </>
  );
}
