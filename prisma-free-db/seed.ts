import { ConflictError } from '@/errors/app-error';
import type { DatabaseHandle } from './connection';
import { createAccount, countAccounts } from './repositories/accounts';
import { recordEvent } from './repositories/events';
import { seedMarkerSchema, type SeedMarker } from './schemas/meta';
import { META_KEYS, TABLES } from './tables';
import { parseInput, parseRow } from './validate';
import { insertUnique } from './writes';

/** The documented first login; the account must change its password before anything else. */
export const DEFAULT_ADMIN = { username: 'admin', password: 'shipyard' } as const;

export interface SeedOptions {
  hashPassword(password: string): Promise<string>;
}

async function readSeedMarker(db: DatabaseHandle): Promise<SeedMarker | null> {
  const row = await db.run(db.table(TABLES.meta).get(META_KEYS.seedMarker));
  return row === null ? null : parseRow(seedMarkerSchema, row, TABLES.meta);
}

function seedMarker(outcome: SeedMarker['outcome']): SeedMarker {
  return parseInput(seedMarkerSchema, { id: META_KEYS.seedMarker, kind: 'seed', outcome, at: new Date() }, 'seed marker');
}

/**
 * Creates admin / shipyard once in the life of a database: when no seed marker exists and
 * there are no accounts. The marker stays forever, so a changed or deleted admin is never
 * re-created (the original Shipyard re-created it on every start). Whichever process inserts
 * the marker first (conflict: 'error') is the one that seeds.
 */
export async function seedDefaultAdmin(db: DatabaseHandle, { hashPassword }: SeedOptions): Promise<{ created: boolean }> {
  if (await readSeedMarker(db)) return { created: false };

  if ((await countAccounts(db)) > 0) {
    // Accounts were made another way: no default admin now, and none if they are all deleted later.
    await insertUnique(db, TABLES.meta, seedMarker('accounts-existed'));
    return { created: false };
  }

  // Hash before claiming, so the window between marker and account stays short.
  const passwordHash = await hashPassword(DEFAULT_ADMIN.password);
  if (!(await insertUnique(db, TABLES.meta, seedMarker('created')))) return { created: false };

  try {
    await createAccount(db, { username: DEFAULT_ADMIN.username, passwordHash, role: 'admin', mustChangePassword: true });
  } catch (error) {
    // Someone holds the name "admin" already: there is a way in, keep the marker.
    if (error instanceof ConflictError) return { created: false };
    // Otherwise nobody could ever log in: release the marker so the next start tries again.
    await db.run(db.table(TABLES.meta).get(META_KEYS.seedMarker).delete()).catch(() => undefined);
    throw error;
  }

  await recordEvent(db, {
    actor: null,
    action: 'account.seed',
    target: DEFAULT_ADMIN.username,
    outcome: 'success',
    details: { role: 'admin', mustChangePassword: true },
  }).catch((error: unknown) => {
    // The admin exists and is usable; a missing audit line must not fail the start-up.
    console.warn('seed: could not record the audit event:', error instanceof Error ? error.message : error);
  });
  return { created: true };
}
