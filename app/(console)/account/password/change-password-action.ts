'use server';

import { headers } from 'next/headers';
import { changePasswordSchema } from '@/lib/accounts/account-schema';
import { changeOwnPassword } from '@/lib/accounts/change-password';
import { fieldErrorsFrom } from '@/lib/api/field-errors';
import { signIn } from '@/lib/auth/auth';
import { withSessionAction } from '@/lib/auth/guard';
import { ValidationError } from '@/lib/errors/app-error';
import { clientAddress } from '@/lib/http/client-address';
import { getDatabase } from '@/lib/server/services';

const changePassword = withSessionAction('viewer', async (user, form: FormData) => {
  const parsed = changePasswordSchema.safeParse({ currentPassword: form.get('currentPassword'), newPassword: form.get('newPassword') });
  if (!parsed.success) throw new ValidationError('Fix the fields marked below', fieldErrorsFrom(parsed.error));
  if (form.get('confirmPassword') !== parsed.data.newPassword) {
    throw new ValidationError('Fix the fields marked below', [{ path: 'confirmPassword', message: 'The two new passwords differ' }]);
  }
  await changeOwnPassword(await getDatabase(), user, parsed.data, clientAddress(await headers()));
  return { username: user.username, newPassword: parsed.data.newPassword };
});

export interface ChangePasswordState {
  error: string | null;
  fields: Record<string, string>;
}

export async function changePasswordAction(_previous: ChangePasswordState, form: FormData): Promise<ChangePasswordState> {
  const result = await changePassword(form);
  if (!result.ok) return { error: result.error, fields: result.fields ?? {} };
  // Sessions that began before the change end; sign this one in again with the new password.
  await signIn('credentials', { username: result.data.username, password: result.data.newPassword, redirectTo: '/?password=changed' });
  return { error: null, fields: {} };
}
