import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, ValidationError } from '@/errors/app-error';
import { connectDatabase, formatServers, parseServers, pingDatabase } from './connection';
import { DatabaseQueryError, isAlreadyExists, translateDriverError } from './errors';

function problemsOf(value: string): string[] {
  try {
    parseServers(value);
  } catch (error) {
    if (error instanceof ValidationError) return error.fields.map((field) => `${field.path} ${field.message}`);
    throw error;
  }
  throw new Error(`parseServers accepted ${JSON.stringify(value)}`);
}

describe('parseServers', () => {
  it('reads one or several host:port entries, IPv6 in brackets', () => {
    expect(parseServers('127.0.0.1:28015')).toEqual([{ host: '127.0.0.1', port: 28015 }]);
    expect(parseServers(' db1:28015, db-2.example.org:29015 ,[::1]:28016')).toEqual([
      { host: 'db1', port: 28015 },
      { host: 'db-2.example.org', port: 29015 },
      { host: '::1', port: 28016 },
    ]);
  });

  it('says what to do for each bad entry', () => {
    expect(problemsOf('')).toEqual(['SHIPYARD_DATABASE is empty: give host:port, e.g. 127.0.0.1:28015']);
    expect(problemsOf('db1')).toEqual(['SHIPYARD_DATABASE[0] "db1" is not host:port: add the port, e.g. db1:28015']);
    expect(problemsOf('db1:abc')).toEqual([
      `SHIPYARD_DATABASE[0] "db1:abc": the port must be a number from 1 to 65535 (RethinkDB's is 28015)`,
    ]);
    expect(problemsOf('db1:70000')[0]).toContain('from 1 to 65535');
    expect(problemsOf('db1:0')[0]).toContain('from 1 to 65535');
    expect(problemsOf('rethinkdb://db1:28015')[0]).toContain('has a scheme: write only host:port');
    expect(problemsOf('::1:28015')[0]).toContain('put an IPv6 address in brackets');
    expect(problemsOf(':28015')[0]).toContain('has no host');
    expect(problemsOf('bad_host!:28015')[0]).toContain('"bad_host!" is not a hostname or IP address');
  });

  it('reports every bad entry at once, numbered, and keeps the good ones out of the message', () => {
    const error = (() => {
      try {
        parseServers('db1:28015,,db3');
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    const validation = error as ValidationError;
    expect(validation.fields.map((field) => field.path)).toEqual(['SHIPYARD_DATABASE[1]', 'SHIPYARD_DATABASE[2]']);
    expect(validation.message).toContain('entry 2 is empty: remove the extra comma');
    expect(validation.message).toContain('"db3" is not host:port');
    expect(validation.message).not.toContain('db1');
  });

  it('formats addresses back for messages', () => {
    expect(formatServers(parseServers('db1:1,[::1]:2'))).toBe('db1:1,[::1]:2');
  });
});

describe('connectDatabase', () => {
  it('refuses a database name RethinkDB would refuse', () => {
    expect(() => connectDatabase({ servers: '127.0.0.1:28015', db: 'no-dashes' })).toThrow(ValidationError);
  });

  it('refuses a malformed address before opening anything', () => {
    expect(() => connectDatabase({ servers: 'nowhere' })).toThrow(/SHIPYARD_DATABASE is not valid/);
  });

  it('takes servers already parsed (by the console\'s configuration) as they are, without parsing them again', async () => {
    const db = connectDatabase({ servers: [{ host: '::1', port: 1 }, { host: 'db2', port: 28015 }], log: () => undefined });
    try {
      expect(db.address).toBe('[::1]:1,db2:28015');
    } finally {
      await db.close();
    }
  });
});

describe('translateDriverError', () => {
  function driverError(name: string, message: string): Error {
    const error = new Error(message);
    error.name = name;
    return error;
  }

  it('treats connection failures as an unreachable database, naming the address', () => {
    const error = translateDriverError(driverError('ReqlDriverError', 'None of the pools have an opened connection'), 'db1:28015');
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect(error.message).toBe(
      'The database at db1:28015 is unreachable: check SHIPYARD_DATABASE and that RethinkDB is running',
    );
  });

  it('keeps the first line of a server refusal and recognizes "already exists"', () => {
    const error = translateDriverError(driverError('ReqlOpFailedError', 'Table `shipyard.accounts` already exists in:\nr.tableCreate(...)'), 'db1:28015');
    expect(error).toBeInstanceOf(DatabaseQueryError);
    expect((error as DatabaseQueryError).reason).toBe('Table `shipyard.accounts` already exists in:');
    expect(isAlreadyExists(error)).toBe(true);
    expect(isAlreadyExists(translateDriverError(driverError('ReqlRuntimeError', 'Table `x` does not exist'), 'db1:1'))).toBe(false);
  });
});

describe('an unreachable database', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  it('fails fast with DatabaseUnavailableError when nothing listens (port 1)', async () => {
    const db = connectDatabase({ servers: '127.0.0.1:1', db: 'shipyard', log: () => undefined });
    cleanups.push(() => db.close());
    const started = Date.now();
    const error = await pingDatabase(db).catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as Error).message).toBe(
      'The database at 127.0.0.1:1 is unreachable: check SHIPYARD_DATABASE and that RethinkDB is running',
    );
    // Later calls fail the same way instead of queueing forever.
    await expect(pingDatabase(db)).rejects.toBeInstanceOf(DatabaseUnavailableError);
  });

  it('gives up within its timeouts on a server that accepts connections but never answers', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    const db = connectDatabase({
      servers: `127.0.0.1:${address.port}`,
      connectTimeoutSeconds: 1,
      queryTimeoutMs: 1_500,
      log: () => undefined,
    });
    cleanups.push(async () => {
      await db.close();
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    const started = Date.now();
    const error = await pingDatabase(db).catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as Error).message).toContain(`The database at 127.0.0.1:${address.port} is unreachable`);
  });

  it('refuses queries once closed, with a message rather than a hang', async () => {
    const db = connectDatabase({ servers: '127.0.0.1:1', log: () => undefined });
    await db.close();
    await db.close(); // idempotent
    await expect(pingDatabase(db)).rejects.toThrow('The connection to the database at 127.0.0.1:1 was closed');
  });
});

describe('driverCredentials: what reaches rethinkdbdash', () => {
  it('passes nothing without credentials (the driver\'s "admin" without a password, no TLS)', async () => {
    const { driverCredentials } = await import('./connection');
    expect(driverCredentials(undefined)).toEqual({});
    expect(driverCredentials({ user: null, password: null, ca: null })).toEqual({});
  });

  it('passes the user, the password and TLS with the CA', async () => {
    const { driverCredentials } = await import('./connection');
    expect(driverCredentials({ user: 'shipyard', password: 's3cret', ca: 'PEM' })).toEqual({ user: 'shipyard', password: 's3cret', ssl: { ca: 'PEM' } });
  });
});
