import { AppError, DatabaseUnavailableError } from '@/errors/app-error';

/** What to tell an operator whenever the database cannot be reached. */
export function unreachableMessage(address: string): string {
  return `The database at ${address} is unreachable: check SHIPYARD_DATABASE and that RethinkDB is running`;
}

/** The server answered, but refused the query (missing table, bad term...): a bug or an
 *  unmigrated database, not an outage. */
export class DatabaseQueryError extends AppError {
  static override readonly brand: string = 'DatabaseQueryError';
  /** The server's own message, first line only (the driver appends the whole query). */
  readonly reason: string;

  constructor(address: string, reason: string, cause: unknown) {
    super('INTERNAL', `The database at ${address} refused a query: ${reason}`, { cause });
    this.reason = reason;
  }
}

/** A row read back from the database that does not match its schema. Returning it anyway
 *  would let a bad row (hand edit, old version, bug) reach the API unchecked. */
export class CorruptDocumentError extends AppError {
  constructor(table: string, id: string, problems: string) {
    super(
      'INTERNAL',
      `The ${table} row ${id} does not match its schema (${problems}): fix or delete that row in the database`,
    );
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? message).trim();
}

/** Driver errors are about the connection (refused, closed, pool empty); every other ReQL
 *  error came back from a server that is up. */
export function translateDriverError(error: unknown, address: string): AppError {
  if (error instanceof AppError) return error;
  if (errorName(error) === 'ReqlDriverError' || errorName(error) === 'ReqlServerError') {
    return new DatabaseUnavailableError(unreachableMessage(address), error);
  }
  return new DatabaseQueryError(address, firstLine(error), error);
}

/** dbCreate / tableCreate / indexCreate on something another process created first. */
export function isAlreadyExists(error: unknown): boolean {
  return error instanceof DatabaseQueryError && /already exists/i.test(error.reason);
}
