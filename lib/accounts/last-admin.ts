import { ConflictError } from '@/lib/errors/app-error';
import { countActiveAdmins, type Account, type DatabaseHandle } from '@/prisma-free-db';

export class LastAdminError extends ConflictError {
  constructor(username: string, what: string) {
    super(`${username} is the last enabled admin and cannot be ${what}: make another account an admin first`);
  }
}

export function isActiveAdmin(account: Pick<Account, 'role' | 'disabled'>): boolean {
  return account.role === 'admin' && !account.disabled;
}

// Changes that may remove an admin run one at a time in this process, so two requests at once
// cannot both see "another admin remains". Across processes, the check after the write
// (below) catches the rest.
let queue: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Applies a change that takes admin rights away from `account` (demote, disable, delete) only if
 * another enabled admin remains. RethinkDB has no multi-document transaction, so it checks
 * before, writes, checks again, and undoes the write if another console removed the other
 * admin meanwhile: at worst both changes are refused, never both applied.
 */
export function keepingAnAdmin<T>(
  database: DatabaseHandle,
  account: Account,
  what: string,
  write: () => Promise<T>,
  undo: () => Promise<unknown>,
): Promise<T> {
  return oneAtATime(async () => {
    if ((await countActiveAdmins(database)) <= 1) throw new LastAdminError(account.username, what);
    const result = await write();
    if ((await countActiveAdmins(database)) === 0) {
      await undo();
      throw new LastAdminError(account.username, what);
    }
    return result;
  });
}
