'use client';

import { useActionState } from 'react';
import { ErrorBox } from '@/app/components/error-box';
import { loginAction, type LoginState } from './login-action';

export function LoginForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<LoginState, FormData>(loginAction, { error: null });
  return (
    <form className="form" action={action} aria-label="Sign in to Shipyard">
      <h1>Shipyard</h1>
      <ErrorBox message={state.error} testId="login-error" />
      <input type="hidden" name="next" value={next} />
      <label htmlFor="username">Username</label>
      <input id="username" name="username" autoComplete="username" required autoFocus />
      <label htmlFor="password">Password</label>
      <input id="password" name="password" type="password" autoComplete="current-password" required />
      <button type="submit" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
