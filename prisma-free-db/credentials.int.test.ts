// The driver's user, password and TLS against a private RethinkDB-protocol server. reqlite speaks
// no TLS and takes any user with an empty password (it answers SCRAM as if the password were
// ""), so: TLS is tested through a TLS front of the test's own (prisma-free-db/testing/tls-front.ts),
// and a wrong password shows as the driver refusing the server's proof. Against a real RethinkDB
// the same options are what `rethinkdb --initial-password` and `--driver-tls` expect; the options
// reaching the driver are checked at the unit level (connection.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError } from '@/errors/app-error';
import { makeTestCertificates } from '@/tests/support/test-certificates';
import { connectDatabase, pingDatabase, type DatabaseHandle } from './connection';
import { explainDatabaseRefusal } from '@/lib/health/database-refusal';
import { PrivateReqlite } from './testing/private-reqlite';
import { startTlsFront, type TlsFront } from './testing/tls-front';

describe('credentials and TLS to the database', () => {
  const server = new PrivateReqlite();
  const certificates = makeTestCertificates();
  let front: TlsFront;
  const handles: DatabaseHandle[] = [];

  beforeAll(async () => {
    await server.start();
    front = await startTlsFront({ cert: certificates.read('serverCert'), key: certificates.read('serverKey'), targetPort: server.port });
  });
  afterAll(async () => {
    for (const handle of handles) await handle.close();
    await front?.close();
    await server.kill();
    certificates.remove();
  });

  function open(servers: string, credentials: { user: string | null; password: string | null; ca: string | null }): DatabaseHandle {
    const handle = connectDatabase({ servers, credentials, queryTimeoutMs: 2_000, connectTimeoutSeconds: 1, log: () => undefined });
    handles.push(handle);
    return handle;
  }

  it('queries over TLS when the CA signed the server certificate', async () => {
    const db = open(`127.0.0.1:${front.port}`, { user: 'admin', password: '', ca: certificates.read('ca') });
    expect(await pingDatabase(db)).toBeGreaterThanOrEqual(0);
    expect(await explainDatabaseRefusal({ host: '127.0.0.1', port: front.port }, { user: 'admin', password: '', ca: certificates.read('ca') })).toBeNull();
  });

  it('an untrusted certificate is refused without taking the process down, and named in one line', async () => {
    const db = open(`127.0.0.1:${front.port}`, { user: null, password: null, ca: certificates.read('otherCa') });
    await expect(pingDatabase(db)).rejects.toBeInstanceOf(DatabaseUnavailableError);
    const line = await explainDatabaseRefusal({ host: '127.0.0.1', port: front.port }, { user: null, password: null, ca: certificates.read('otherCa') });
    expect(line).toMatch(/^the database at 127\.0\.0\.1:\d+ presents a certificate not signed by the CA in SHIPYARD_DATABASE_CA \(.+\): set it to the CA that signed RethinkDB's --cert-file$/);
  });

  it('TLS to a server without TLS is named', async () => {
    const line = await explainDatabaseRefusal({ host: '127.0.0.1', port: server.port }, { user: null, password: null, ca: certificates.read('ca') });
    expect(line).toMatch(/^the database at 127\.0\.0\.1:\d+ does not speak TLS .*: unset SHIPYARD_DATABASE_CA or start RethinkDB with --driver-tls$/);
  });

  it('a wrong password is refused and named with the settings to check', async () => {
    const db = open(server.address, { user: 'admin', password: 'not-the-password', ca: null });
    await expect(pingDatabase(db)).rejects.toBeInstanceOf(DatabaseUnavailableError);
    const line = await explainDatabaseRefusal({ host: '127.0.0.1', port: server.port }, { user: 'admin', password: 'not-the-password', ca: null });
    expect(line).toMatch(/^the database at 127\.0\.0\.1:\d+ refused the user "admin" \(.+\): check SHIPYARD_DATABASE_USER and SHIPYARD_DATABASE_PASSWORD$/);
  });
});
