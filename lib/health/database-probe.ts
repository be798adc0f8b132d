import type { DatabaseHandle } from '@/prisma-free-db/connection';
import { pingDatabase } from '@/prisma-free-db/connection';
import { missingTables } from '@/prisma-free-db/schema-check';
import { ServiceUnusableError } from './check-health';

/**
 * The database answers, and holds the console's tables. A database that came back empty is
 * prepared again here (migrate + seed, `prepare`), so an operator's restart heals without a
 * console restart; one that cannot be prepared is reported up but unusable.
 */
export async function probeDatabase(database: DatabaseHandle, prepare: () => Promise<void>): Promise<void> {
  await pingDatabase(database);
  if ((await missingTables(database)).length === 0) return;
  const problem = await prepare().then(
    () => null,
    (error: unknown) => (error instanceof Error ? error.name : 'error'),
  );
  const missing = await missingTables(database);
  if (missing.length === 0) return;
  throw new ServiceUnusableError(
    `The database answers but lacks ${missing.length} of the console's tables (${missing.join(', ')})` +
      `${problem ? ` and creating them failed (${problem})` : ''}: check that SHIPYARD_DATABASE_USER may create databases and tables; sign-in fails until then`,
  );
}
