'use client';

import { useActionState } from 'react';
import { ErrorBox } from '@/app/components/error-box';
import { changePasswordAction, type ChangePasswordState } from './change-password-action';

function FieldError({ message }: { message: string | undefined }) {
  return message ? <div className="field-error">{message}</div> : null;
}

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<ChangePasswordState, FormData>(changePasswordAction, { error: null, fields: {} });
  return (
    <form className="form" action={action}>
      <ErrorBox message={state.error} testId="password-error" />
      <label htmlFor="currentPassword">Current password</label>
      <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required />
      <FieldError message={state.fields.currentPassword} />
      <label htmlFor="newPassword">New password</label>
      <input id="newPassword" name="newPassword" type="password" autoComplete="new-password" required />
      <FieldError message={state.fields.newPassword} />
      <label htmlFor="confirmPassword">Repeat the new password</label>
      <input id="confirmPassword" name="confirmPassword" type="password" autoComplete="new-password" required />
      <FieldError message={state.fields.confirmPassword} />
      <button type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Change password'}
      </button>
    </form>
  );
}
