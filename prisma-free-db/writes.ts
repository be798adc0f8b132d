import type { WriteResult } from 'rethinkdbdash';
import type { DatabaseHandle } from './connection';
import { DatabaseQueryError } from './errors';
import type { TableName } from './tables';

/**
 * Inserts one document with conflict: 'error'. Returns false when the primary key is taken
 * (RethinkDB reports that in the result, not as an exception); other write errors throw.
 */
export async function insertUnique(db: DatabaseHandle, table: TableName, document: object): Promise<boolean> {
  const result = await db.run(db.table(table).insert(document, { conflict: 'error' }));
  if (result.errors === 0) return true;
  if (result.first_error?.startsWith('Duplicate primary key')) return false;
  throw writeFailed(db, result);
}

/** Inserts a document with a fresh random id; any error, a duplicate included, throws. */
export async function insertNew(db: DatabaseHandle, table: TableName, document: object): Promise<void> {
  const result = await db.run(db.table(table).insert(document, { conflict: 'error' }));
  if (result.errors > 0) throw writeFailed(db, result);
}

export function writeFailed(db: DatabaseHandle, result: WriteResult): DatabaseQueryError {
  const reason = (result.first_error ?? `${result.errors} write error(s)`).split('\n')[0] ?? '';
  return new DatabaseQueryError(db.address, reason, result);
}

/** The document an update with returnChanges: true produced, or null if nothing matched. */
export function changedDocument(db: DatabaseHandle, result: WriteResult): unknown {
  if (result.errors > 0) throw writeFailed(db, result);
  const change = result.changes?.[0];
  return change ? change.new_val : null;
}
