import { randomBytes } from 'node:crypto';
import { connectDatabase, type DatabaseHandle } from '../connection';
import { migrate } from '../migrations';

/** A database name no other test file or run uses, so tests never see each other's rows. */
export function uniqueDatabaseName(label: string): string {
  return `test_${label}_${randomBytes(4).toString('hex')}`;
}

export function testServers(): string {
  const servers = process.env.SHIPYARD_DATABASE;
  if (!servers) throw new Error('SHIPYARD_DATABASE is not set: run `source .state/env` first');
  return servers;
}

export function connectTestDatabase(dbName: string): DatabaseHandle {
  return connectDatabase({ servers: testServers(), db: dbName, log: () => undefined });
}

/** A fresh, migrated database and a way to drop it and close the pool. */
export async function openTestDatabase(label: string): Promise<{ db: DatabaseHandle; dispose(): Promise<void> }> {
  const db = connectTestDatabase(uniqueDatabaseName(label));
  await migrate(db);
  return {
    db,
    async dispose() {
      await db.run(db.r.dbDrop(db.dbName)).catch(() => undefined);
      await db.close();
    },
  };
}
