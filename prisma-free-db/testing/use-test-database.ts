// The set-up the database's integration files share: a fresh, migrated database for the file.
import { afterAll, beforeAll } from 'vitest';
import type { DatabaseHandle } from '../connection';
import { openTestDatabase } from './test-database';

/** Opens a fresh database before the file's tests, hands it to `opened`, and drops it after them. */
export function useTestDatabase(label: string, opened: (db: DatabaseHandle) => void | Promise<void>): void {
  let dispose: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const test = await openTestDatabase(label);
    dispose = test.dispose;
    await opened(test.db);
  });
  afterAll(async () => {
    await dispose?.();
  });
}
