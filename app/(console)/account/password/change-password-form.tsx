'use client';

import { useActionState } from 'react';
import { ErrorBox } from '@/app/components/error-box';
import { FieldErrorText } from '@/app/components/field-message';
import { changePasswordAction, type ChangePasswordState } from './change-password-action';


export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<ChangePasswordState, FormData>(changePasswordAction, { error: null, fields: {} });
  return (
    <form className="form" action={action}>
      <ErrorBox message={state.error} testId="password-error" />
      <label htmlFor="currentPassword">Current password</label>
      <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required />
      <FieldErrorText name="currentPassword" message={state.fields.currentPassword} />
      <label htmlFor="newPassword">New password</label>
      <input id="newPassword" name="newPassword" type="password" autoComplete="new-password" required />
      <FieldErrorText name="newPassword" message={state.fields.newPassword} />
      <label htmlFor="confirmPassword">Repeat the new password</label>
      <input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" required />
      <FieldErrorText name="confirmPassword" message={state.fields.confirmPassword} />
      <button type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Change password'}
      </button>
    </form>
  );
}
