import 'server-only';
import type { Actor } from '@/lib/audit/actor';
import type { SessionUser } from '@/lib/auth/session-user';
import { clientAddress } from '@/lib/http/client-address';
import { getDatabase } from './services';

/** The signed-in user as every mutating domain function takes them: role for the role-dependent checks, address and database for the audit. */
export async function requestActor(user: SessionUser, request: Request): Promise<Actor> {
  return { username: user.username, role: user.role, ...(user.grants ? { grants: user.grants } : {}), address: clientAddress(request.headers), database: await getDatabase() };
}
