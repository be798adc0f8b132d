import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './connection';
import { migrate, MIGRATIONS } from './migrations';
import { INDEXES, META_KEYS, TABLES } from './tables';
import { connectTestDatabase, uniqueDatabaseName } from './testing/test-database';

const ALL_VERSIONS = MIGRATIONS.map((migration) => migration.version);
const opened: DatabaseHandle[] = [];

function open(dbName: string): DatabaseHandle {
  const db = connectTestDatabase(dbName);
  opened.push(db);
  return db;
}

afterEach(async () => {
  const [first] = opened;
  if (first) await first.run(first.r.dbDrop(first.dbName)).catch(() => undefined);
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

describe('migrate', () => {
  it('creates the tables and indexes, records each version, and does nothing the second time', async () => {
    const db = open(uniqueDatabaseName('migrate'));

    const first = await migrate(db);
    expect(first.map((migration) => migration.version)).toEqual(ALL_VERSIONS);

    const tables = await db.run(db.r.db(db.dbName).tableList());
    expect([...tables].sort()).toEqual([TABLES.accountNames, TABLES.accounts, TABLES.apiTokens, TABLES.events, TABLES.loginAttempts, TABLES.meta, TABLES.settings, TABLES.registries, TABLES.webhooks, TABLES.stacks, TABLES.stackVersions].sort());
    expect(await db.run(db.table(TABLES.accounts).indexList())).toEqual([INDEXES.accountsByUsername]);
    expect([...(await db.run(db.table(TABLES.events).indexList()))].sort()).toEqual([INDEXES.eventsByActor, INDEXES.eventsByTime]);
    expect([...(await db.run(db.table(TABLES.apiTokens).indexList()))].sort()).toEqual([INDEXES.apiTokensByAccount, INDEXES.apiTokensByHash]);
    expect(await db.run(db.table(TABLES.loginAttempts).indexList())).toEqual([INDEXES.loginAttemptsByKey]);
    expect(await db.run(db.table(TABLES.webhooks).indexList())).toEqual([INDEXES.webhooksByHash]);
    expect(await db.run(db.table(TABLES.stackVersions).indexList())).toEqual([INDEXES.stackVersionsByStack]);

    const record = await db.run(db.table(TABLES.meta).get(META_KEYS.migration(1)));
    expect(record).toMatchObject({ kind: 'migration', version: 1 });

    expect(await migrate(db)).toEqual([]);
    expect(await db.run(db.table(TABLES.meta).count())).toBe(ALL_VERSIONS.length);
  });

  it('lets two processes migrate the same database at once: each step recorded exactly once', async () => {
    const dbName = uniqueDatabaseName('migrate_race');
    const [a, b] = [open(dbName), open(dbName)];

    const [fromA, fromB] = await Promise.all([migrate(a), migrate(b)]);

    const versions = [...fromA, ...fromB].map((migration) => migration.version).sort();
    expect(versions).toEqual(ALL_VERSIONS);
    expect(await migrate(a)).toEqual([]);
    expect(await a.run(a.table(TABLES.meta).count())).toBe(ALL_VERSIONS.length);
  });

  it('finishes a step that an earlier run left half done', async () => {
    const db = open(uniqueDatabaseName('migrate_resume'));
    // As if a process died inside step 1: database, meta and one table exist, nothing recorded.
    await db.run(db.r.dbCreate(db.dbName));
    await db.run(db.r.db(db.dbName).tableCreate(TABLES.meta));
    await db.run(db.r.db(db.dbName).tableCreate(TABLES.accounts));

    expect((await migrate(db)).map((migration) => migration.version)).toEqual(ALL_VERSIONS);
    expect(await db.run(db.table(TABLES.accounts).indexList())).toEqual([INDEXES.accountsByUsername]);
  });
});
