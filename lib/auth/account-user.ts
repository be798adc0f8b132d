import type { Account } from '@/prisma-free-db';
import type { Permission } from './permissions';
import type { Credential, SessionUser } from './session-user';

/** The caller as handlers see it, from the account row read on this request. */
export function accountUser(account: Account, credential: Credential): SessionUser {
  return {
    id: account.id,
    username: account.username,
    role: account.role,
    mustChangePassword: account.mustChangePassword,
    source: account.source,
    // The schema only admits area:read|write strings, which are Permissions.
    grants: account.grants as Permission[],
    credential,
  };
}
