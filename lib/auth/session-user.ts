import type { AccountSource, Role } from '@/prisma-free-db/schemas/account';
import type { Permission } from './permissions';

/** How a request proved who it is: the browser's session cookie, or an API token. */
export type Credential = { kind: 'session' } | { kind: 'token'; tokenId: string; readOnly: boolean };

/** Who is calling, as every guarded handler sees it: read fresh from the accounts table. */
export interface SessionUser {
  id: string;
  username: string;
  role: Role;
  mustChangePassword: boolean;
  /** Where the account signs in (absent: local): a directory account has no password here. */
  source?: AccountSource;
  /** Extra per-area permissions on top of the role (absent: none). */
  grants?: readonly Permission[];
  /** Absent means a session cookie. */
  credential?: Credential;
}
