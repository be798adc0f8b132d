import { describe, expect, it } from 'vitest';
import { checkMigrationList, MIGRATIONS, type Migration } from './migrations';

const step = (version: number): Migration => ({ version, name: `step ${version}`, up: async () => undefined });

describe('the migration list', () => {
  it('is numbered 1, 2, 3... with names', () => {
    expect(() => checkMigrationList(MIGRATIONS)).not.toThrow();
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    expect(MIGRATIONS.every((migration) => migration.name.length > 0)).toBe(true);
  });

  it('refuses a gap or a duplicate', () => {
    expect(() => checkMigrationList([step(1), step(3)])).toThrow('Migration "step 3" has version 3, expected 2');
    expect(() => checkMigrationList([step(1), step(1)])).toThrow('has version 1, expected 2');
  });
});
