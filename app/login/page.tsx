import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/current-user';
import { LoginForm } from './login-form';

export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const returnTo = typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/';
  const user = await getCurrentUser().catch(() => null);
  if (user) redirect(returnTo);
  return (
    <main className="login-page">
      <LoginForm next={returnTo} />
    </main>
  );
}
