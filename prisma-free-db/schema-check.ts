import type { DatabaseHandle } from './connection';
import { DatabaseQueryError } from './errors';
import { TABLES } from './tables';

/**
 * The console's tables the database lacks (all of them when the database itself is gone, as
 * after a server that keeps nothing on disk restarts, or a wiped data directory).
 */
export async function missingTables(db: DatabaseHandle): Promise<string[]> {
  const wanted = Object.values(TABLES);
  const databases = await db.run(db.r.dbList());
  if (!databases.includes(db.dbName)) return wanted;
  const present = new Set(await db.run(db.r.db(db.dbName).tableList()));
  return wanted.filter((table) => !present.has(table));
}

/** A query refused because a database, table or index is not there: the schema is gone, not the server. */
export function isMissingSchema(error: unknown): boolean {
  return error instanceof DatabaseQueryError && /(database|table|index) .* does not exist/i.test(error.reason);
}
