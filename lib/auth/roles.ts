import type { Role } from '@/prisma-free-db/schemas/account';

/** Roles from least to most powerful: each one may do what the ones before it may. */
const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export function roleAllows(actual: Role, required: Role): boolean {
  return rank[actual] >= rank[required];
}
