'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { signIn } from '@/lib/auth/auth';
import { loginMessageFor } from './login-messages';

export interface LoginState {
  error: string | null;
}

/** Only same-site paths may follow a login, so /login?next= cannot send users elsewhere. */
function safeReturnPath(value: FormDataEntryValue | null): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export async function loginAction(_previous: LoginState, form: FormData): Promise<LoginState> {
  try {
    await signIn('credentials', {
      username: form.get('username'),
      password: form.get('password'),
      redirectTo: safeReturnPath(form.get('next')),
    });
    return { error: null };
  } catch (error) {
    if (error instanceof CredentialsSignin) return { error: loginMessageFor(error.code) };
    if (error instanceof AuthError) return { error: loginMessageFor(error.type) };
    throw error; // the redirect after a successful sign-in travels as an exception
  }
}
