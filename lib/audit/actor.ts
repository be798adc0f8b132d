import type { DatabaseHandle } from '@/prisma-free-db';
import type { Permission } from '@/lib/auth/permissions';
import type { Role } from '@/prisma-free-db/schemas/account';

/**
 * Who changes something: the second argument of every mutating domain function
 * (`(services, actor, input)`). The role is for the checks that depend on it (host-escaping
 * options are admin-only); the address and the database are where the change is audited.
 */
export interface Actor {
  username: string;
  role: Role;
  /** The account's extra per-area grants: the engine request gate weighs them (secrets:write). */
  grants?: readonly Permission[];
  address: string;
  database: DatabaseHandle;
}
