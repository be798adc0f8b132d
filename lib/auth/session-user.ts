import type { Role } from '@/prisma-free-db/schemas/account';

/** Who is calling, as every guarded handler sees it: read fresh from the accounts table. */
export interface SessionUser {
  id: string;
  username: string;
  role: Role;
  mustChangePassword: boolean;
}
