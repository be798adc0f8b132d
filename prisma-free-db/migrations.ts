import type { Expression } from 'rethinkdbdash';
import type { DatabaseHandle } from './connection';
import { isAlreadyExists } from './errors';
import { INDEXES, META_KEYS, PRIMARY_KEYS, TABLES, type TableName } from './tables';
import { migrationRecordSchema } from './schemas/meta';
import { parseInput } from './validate';
import { insertUnique } from './writes';

export interface Migration {
  version: number;
  name: string;
  /** Must be idempotent: two processes may run the same step at once. */
  up(db: DatabaseHandle): Promise<void>;
}

export interface AppliedMigration {
  version: number;
  name: string;
}

/** Runs a create; losing a race to another process that created the same thing is fine. */
async function tolerateExisting(create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
  }
}

export async function ensureDatabase(db: DatabaseHandle): Promise<void> {
  const existing = await db.run(db.r.dbList());
  if (existing.includes(db.dbName)) return;
  await tolerateExisting(() => db.run(db.r.dbCreate(db.dbName)));
}

async function ensureTable(db: DatabaseHandle, table: TableName, primaryKey?: string): Promise<void> {
  const existing = await db.run(db.r.db(db.dbName).tableList());
  if (existing.includes(table)) return;
  await tolerateExisting(() => db.run(db.r.db(db.dbName).tableCreate(table, primaryKey ? { primaryKey } : {})));
}

/** A secondary index on a field of the same name, or on a computed value. */
async function ensureIndex(db: DatabaseHandle, table: TableName, index: string, compute?: Expression): Promise<void> {
  const existing = await db.run(db.table(table).indexList());
  if (!existing.includes(index)) {
    const indexes = db.table(table);
    await tolerateExisting(() => db.run(compute ? indexes.indexCreate(index, compute) : indexes.indexCreate(index)));
  }
  // A new index is not queryable until built; later steps and the first requests use it.
  await db.run(db.table(table).indexWait(index));
}

/** The numbered steps, in order. Never edit a released step: add the next number. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, account names and the audit log',
    async up(db) {
      await ensureTable(db, TABLES.accounts);
      await ensureIndex(db, TABLES.accounts, INDEXES.accountsByUsername, db.r.row('username').downcase());
      await ensureTable(db, TABLES.accountNames, PRIMARY_KEYS.accountNames);
      await ensureTable(db, TABLES.events);
      await ensureIndex(db, TABLES.events, INDEXES.eventsByTime);
      await ensureIndex(db, TABLES.events, INDEXES.eventsByActor);
    },
  },
  {
    version: 2,
    name: 'api tokens',
    async up(db) {
      await ensureTable(db, TABLES.apiTokens);
      await ensureIndex(db, TABLES.apiTokens, INDEXES.apiTokensByAccount, db.r.row('accountId'));
      await ensureIndex(db, TABLES.apiTokens, INDEXES.apiTokensByHash, db.r.row('tokenHash'));
    },
  },
  {
    version: 3,
    // Accounts gain `disabled` and `grants`, tokens `readOnly`: their schemas read rows without
    // them as enabled, without grants, full access, so no row needs rewriting.
    name: 'settings (audit retention); account status and grants; read-only tokens',
    async up(db) {
      await ensureTable(db, TABLES.settings);
    },
  },
  {
    version: 4,
    name: 'login attempts (a rate limit shared by every console process)',
    async up(db) {
      await ensureTable(db, TABLES.loginAttempts);
      await ensureIndex(db, TABLES.loginAttempts, INDEXES.loginAttemptsByKey);
    },
  },
  {
    version: 5,
    name: 'saved registries (encrypted passwords) and redeploy webhooks',
    async up(db) {
      await ensureTable(db, TABLES.registries);
      await ensureTable(db, TABLES.webhooks);
      await ensureIndex(db, TABLES.webhooks, INDEXES.webhooksByHash, db.r.row('tokenHash'));
    },
  },
  {
    version: 6,
    name: 'compose stacks and their deploy history',
    async up(db) {
      await ensureTable(db, TABLES.stacks);
      await ensureTable(db, TABLES.stackVersions);
      await ensureIndex(db, TABLES.stackVersions, INDEXES.stackVersionsByStack);
    },
  },
];

/** Versions must be 1, 2, 3...: a gap or a duplicate is a merge mistake worth failing on. */
export function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration "${migration.name}" has version ${migration.version}, expected ${index + 1}: versions must be 1, 2, 3... in order`);
    }
  });
}

async function isApplied(db: DatabaseHandle, version: number): Promise<boolean> {
  const record = await db.run(db.table(TABLES.meta).get(META_KEYS.migration(version)));
  return record !== null;
}

/**
 * Brings the database up to the latest version and returns the steps this call recorded
 * (empty when already current). Safe to run from several processes at once: each step is
 * idempotent and the record insert (conflict: 'error') lets exactly one of them claim it.
 */
export async function migrate(db: DatabaseHandle, migrations: readonly Migration[] = MIGRATIONS): Promise<AppliedMigration[]> {
  checkMigrationList(migrations);
  // The database and meta table hold the records, so they exist before any step is counted.
  await ensureDatabase(db);
  await ensureTable(db, TABLES.meta);

  const applied: AppliedMigration[] = [];
  for (const migration of migrations) {
    if (await isApplied(db, migration.version)) continue;
    await migration.up(db);
    const record = parseInput(
      migrationRecordSchema,
      { id: META_KEYS.migration(migration.version), kind: 'migration', version: migration.version, name: migration.name, appliedAt: new Date() },
      'migration record',
    );
    if (await insertUnique(db, TABLES.meta, record)) {
      applied.push({ version: migration.version, name: migration.name });
    }
  }
  return applied;
}
