import type { DatabaseHandle } from '@/prisma-free-db';
import type { Role } from '@/prisma-free-db/schemas/account';
import type { EngineHandle } from './engines';

/** Where containers live: the configured engines and the flat network's name. */
export interface ContainerContext {
  handles: EngineHandle[];
  flatNetwork: string | null;
}

/** Who changes something, for the permission checks that depend on the role and for the audit log. */
export interface Actor {
  username: string;
  role: Role;
  address: string;
  database: DatabaseHandle;
}
