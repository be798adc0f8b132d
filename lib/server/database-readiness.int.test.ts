// An operator's fault, replayed on a private RethinkDB-protocol server (reqlite keeps nothing on
// disk): the database is killed under a running console and started again, empty. Sign-in's
// query must work again within seconds, without a console restart, and the health probe must
// tell a database that answers but cannot be used.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHealth } from '@/lib/health/check-health';
import { probeDatabase } from '@/lib/health/database-probe';
import { connectDatabase, findAccountByUsername, migrate, seedDefaultAdmin, type DatabaseHandle } from '@/prisma-free-db';
import { missingTables } from '@/prisma-free-db/schema-check';
import { hashTestPassword } from '@/prisma-free-db/testing/passwords';
import { PrivateReqlite } from '@/prisma-free-db/testing/private-reqlite';
import { createDatabaseReadiness } from './database-readiness';
import { retryUntil } from '@/tests/support/eventually';

const hashPassword = hashTestPassword;
/** The pool's whole reconnect backoff (prisma-free-db/connection.ts: 1 + 2 + 4 + 8 + 16 s) and some. */
const RECONNECT_S = 40;

async function prepare(db: DatabaseHandle): Promise<void> {
  await migrate(db);
  await seedDefaultAdmin(db, { hashPassword });
}


describe('the database killed and started again, empty, under a running console', () => {
  const server = new PrivateReqlite();
  let raw: DatabaseHandle;

  beforeAll(async () => {
    await server.start();
    raw = connectDatabase({ servers: server.address, db: 'shipyard_fault', queryTimeoutMs: 2_000, connectTimeoutSeconds: 1, log: () => undefined });
  });
  afterAll(async () => {
    await server.kill();
    // The driver's drain waits for connections it is still opening: bounded.
    await Promise.race([raw?.close(), new Promise((resolve) => setTimeout(resolve, 2_000))]);
  });

  // The pool retries a dead server after 1, 2, 4 … at most 16 s (prisma-free-db/connection.ts).
  it('sign-in finds the admin again once the pool reconnects, migrated and seeded anew without a restart', async () => {
    const readiness = createDatabaseReadiness(raw, prepare);
    await readiness.ready();
    expect((await findAccountByUsername(readiness.database, 'admin'))?.username).toBe('admin');

    await server.kill();
    await server.start();
    // The pool reconnects on its own to a server without tables. Its backoff (1, 2, 4, 8, 16 s)
    // runs while the server restarts, which a loaded machine makes slow: allow the whole series.
    expect((await retryUntil(() => missingTables(raw), RECONNECT_S)).value).toContain('accounts');

    // What authorizeCredentials does: ready(), then the account's query.
    const { value: admin, ms } = await retryUntil(async () => {
      await readiness.ready();
      return findAccountByUsername(readiness.database, 'admin');
    }, RECONNECT_S);
    expect(admin?.username).toBe('admin');
    expect(ms).toBeLessThan(RECONNECT_S * 1000);
    expect(await missingTables(raw)).toEqual([]);
  }, 2 * RECONNECT_S * 1000 + 10_000);

  it('a query that finds its table gone prepares the database and runs again, once', async () => {
    const readiness = createDatabaseReadiness(raw, prepare);
    await readiness.ready();
    await raw.run(raw.r.dbDrop(raw.dbName));
    // ready() is cached: only the refused query can notice.
    expect((await findAccountByUsername(readiness.database, 'admin'))?.username).toBe('admin');
  });

  it('health: the empty database is prepared by the probe and reported ok; one that cannot be prepared is up but unusable', async () => {
    await raw.run(raw.r.dbDrop(raw.dbName));
    const healing = createDatabaseReadiness(raw, prepare);
    const healed = await checkHealth({ docker: async () => 1, etcd: async () => 1, database: () => probeDatabase(healing.database, healing.ready) });
    expect(healed.status).toBe('ok');
    expect(await missingTables(raw)).toEqual([]);

    await raw.run(raw.r.dbDrop(raw.dbName));
    const refusing = createDatabaseReadiness(raw, async () => {
      throw new Error('permission denied');
    });
    const report = await checkHealth({ docker: async () => 1, etcd: async () => 1, database: () => probeDatabase(refusing.database, refusing.ready) });
    expect(report.status).toBe('degraded');
    expect(report.services.database).toMatchObject({ up: true, usable: false, message: expect.stringMatching(/^The database answers but lacks \d+ of the console's tables \(accounts, .*\) and creating them failed \(Error\): check that SHIPYARD_DATABASE_USER may create databases and tables; sign-in fails until then$/) });
  });
});
