import 'server-only';
import type { SessionUser } from '@/lib/auth/session-user';
import { clientAddress } from '@/lib/http/client-address';
import { getDatabase } from '@/lib/server/services';
import type { Actor } from './context';

/** The signed-in user as the container functions need them: role for the admin-only options, database for the audit. */
export async function requestActor(user: SessionUser, request: Request): Promise<Actor> {
  return { username: user.username, role: user.role, address: clientAddress(request.headers), database: await getDatabase() };
}

/** ?host= from the URL, if given. */
export function hostParam(request: Request): string | undefined {
  return new URL(request.url).searchParams.get('host') || undefined;
}
