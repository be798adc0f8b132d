// Migrations and the first-admin seed run before the first use of the database, and again
// whenever it may have come back without them: a database server restarted empty (the embedded
// one keeps nothing on disk; a real one restored from an old backup or wiped) would otherwise
// leave every sign-in failing until the console itself was restarted.
import { DatabaseUnavailableError } from '@/errors/app-error';
import type { DatabaseHandle } from '@/prisma-free-db/connection';
import { isMissingSchema } from '@/prisma-free-db/schema-check';

export interface DatabaseReadiness {
  /** The handle for every caller: a query refused for a missing table prepares the database once and runs again. */
  readonly database: DatabaseHandle;
  /** Prepares the database (migrate + seed) unless that already succeeded since it was last lost. */
  ready(): Promise<void>;
}

export function createDatabaseReadiness(raw: DatabaseHandle, prepare: (db: DatabaseHandle) => Promise<void>): DatabaseReadiness {
  let prepared: Promise<void> | undefined;

  const ready = (): Promise<void> => {
    prepared ??= prepare(raw).catch((error: unknown) => {
      // Not cached: the next caller tries again (the database may still be down).
      prepared = undefined;
      throw error;
    });
    return prepared;
  };

  // Once the connection drops the server may come back as a different, empty one: check again.
  const forget = () => {
    prepared = undefined;
  };

  const run: DatabaseHandle['run'] = async (query) => {
    try {
      return await raw.run(query);
    } catch (error) {
      if (error instanceof DatabaseUnavailableError) forget();
      if (!isMissingSchema(error)) throw error;
      forget();
      await ready();
      // The refused query changed nothing: running it once more is safe.
      return raw.run(query);
    }
  };

  return { database: { ...raw, run }, ready };
}
