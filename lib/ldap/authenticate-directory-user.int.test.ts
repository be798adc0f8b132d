import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { Client } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { authenticateDirectoryUser, probeDirectory } from './authenticate-directory-user';
import { DirectoryUnavailableError } from './directory-unavailable';
import { testDirectory } from './testing/test-directory';

const directory = testDirectory();
const { settings, passwords } = directory;
const people = settings.userBase;
const groups = settings.groupBase;

/** A port where nothing listens: the directory is down. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function unavailable(run: Promise<unknown>): Promise<DirectoryUnavailableError> {
  const error = await run.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DirectoryUnavailableError);
  if (!(error instanceof DirectoryUnavailableError)) throw new Error('not refused');
  return error;
}

describe('the directory sign-in against slapd', () => {
  it('binds as the service, finds the user, binds as the user and maps the groups (StartTLS with the CA)', async () => {
    expect(settings.startTls).toBe(true);
    expect(await authenticateDirectoryUser(settings, 'dir-ada', passwords.ada)).toEqual({
      outcome: 'signed-in',
      dn: `uid=dir-ada,${people}`,
      role: 'admin',
      grants: [],
      groups: [`cn=admins,${groups}`, `cn=viewers,${groups}`],
    });
    expect(await authenticateDirectoryUser(settings, 'dir-oscar', passwords.oscar)).toMatchObject({ outcome: 'signed-in', role: 'operator', grants: ['images:write'] });
    expect(await authenticateDirectoryUser(settings, 'dir-vera', passwords.vera)).toMatchObject({ outcome: 'signed-in', role: 'viewer', grants: [] });
  });

  it('refuses a wrong password and an unknown user', async () => {
    expect(await authenticateDirectoryUser(settings, 'dir-ada', `${passwords.ada}x`)).toEqual({ outcome: 'refused', reason: 'wrong password' });
    expect(await authenticateDirectoryUser(settings, 'dir-nobody', passwords.ada)).toEqual({ outcome: 'refused', reason: 'unknown user' });
  });

  it('refuses a user whose groups are not mapped, after the right password, without a default role', async () => {
    expect(await authenticateDirectoryUser(settings, 'dir-nogroup', passwords.nogroup)).toEqual({
      outcome: 'no-mapped-group',
      dn: `uid=dir-nogroup,${people}`,
      groups: [`cn=unmapped,${groups}`],
    });
  });

  it('refuses an empty password, which this server takes as an anonymous bind that succeeds', async () => {
    const raw = new Client({ url: settings.url });
    try {
      await raw.bind(`uid=dir-ada,${people}`, ''); // no error: the server says yes
    } finally {
      await raw.unbind();
    }
    expect(await authenticateDirectoryUser(settings, 'dir-ada', '')).toEqual({ outcome: 'refused', reason: 'empty password' });
  });

  it('escapes the username into the filter: "*)(uid=*" and "*" find nobody', async () => {
    for (const username of ['*)(uid=*', '*', 'dir-ada)(uid=*', 'dir-*']) {
      expect(await authenticateDirectoryUser(settings, username, passwords.ada)).toEqual({ outcome: 'refused', reason: 'unknown user' });
    }
  });

  it('says the directory is down, or refuses the service account, with the setting to check', async () => {
    const down = await unavailable(authenticateDirectoryUser({ ...settings, url: `ldap://127.0.0.1:${await closedPort()}` }, 'dir-ada', passwords.ada));
    expect(down.problem).toBe('unreachable');
    expect(down.message).toMatch(/check SHIPYARD_LDAP_URL/);
    const refused = await unavailable(authenticateDirectoryUser({ ...settings, bindPassword: 'not-the-service-password' }, 'dir-ada', passwords.ada));
    expect(refused.problem).toBe('service-bind-refused');
    expect(refused.message).toMatch(/SHIPYARD_LDAP_BIND_DN and SHIPYARD_LDAP_BIND_PASSWORD/);
    expect(`${refused.message} ${refused.detail}`).not.toContain('not-the-service-password');
    await expect(probeDirectory(settings)).resolves.toBeUndefined();
    await unavailable(probeDirectory({ ...settings, bindPassword: 'wrong' }));
  });
});

describe('TLS to the directory', () => {
  const ldaps = { ...settings, url: directory.ldapsUrl, startTls: false };
  const wrongCa = readFileSync(directory.wrongCa, 'utf8');

  it('signs in over ldaps:// with the CA', async () => {
    expect(await authenticateDirectoryUser(ldaps, 'dir-vera', passwords.vera)).toMatchObject({ outcome: 'signed-in', role: 'viewer' });
  });

  it('refuses a server certificate another CA signed, over ldaps:// and StartTLS', async () => {
    expect((await unavailable(authenticateDirectoryUser({ ...ldaps, ca: wrongCa }, 'dir-vera', passwords.vera))).problem).toBe('untrusted');
    expect((await unavailable(authenticateDirectoryUser({ ...settings, ca: wrongCa }, 'dir-vera', passwords.vera))).problem).toBe('untrusted');
    // Without SHIPYARD_LDAP_CA the system's CAs are used: they do not know the test CA either.
    const untrusted = await unavailable(authenticateDirectoryUser({ ...ldaps, ca: undefined }, 'dir-vera', passwords.vera));
    expect(untrusted.problem).toBe('untrusted');
    expect(untrusted.message).toMatch(/check SHIPYARD_LDAP_CA/);
  });

  it('refuses a certificate that does not name the host', async () => {
    // The server's certificate names localhost and 127.0.0.1, not 127.0.0.2 (still this machine).
    const other = { ...ldaps, url: directory.ldapsUrl.replace('127.0.0.1', '127.0.0.2') };
    expect((await unavailable(authenticateDirectoryUser(other, 'dir-vera', passwords.vera))).problem).toBe('untrusted');
  });
});

