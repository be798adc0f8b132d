// The pool retries a refused connection in the background and only ever says "unreachable". At
// start, one connection of our own with the same settings says why, in one line: an untrusted
// certificate, TLS on one side only, a wrong user or password.
import rethinkdbdash from 'rethinkdbdash';
import { withTimeout } from '@/lib/async/with-timeout';
import { isPlainServer, isUnreachable, isUntrusted, tlsHandshake } from '@/lib/health/tls-handshake';
import { driverCredentials, formatServers, type ConnectOptions, type ServerAddress } from './connection';
import { guardDriverTlsErrors } from './driver-tls-guard';

type Credentials = NonNullable<ConnectOptions['credentials']>;

const CONNECT_TIMEOUT_SECONDS = 3;

async function tlsProblem(server: ServerAddress, address: string, ca: string): Promise<string | null> {
  const result = await tlsHandshake({ host: server.host, port: server.port, ca, rejectUnauthorized: true });
  if (result.ok || isUnreachable(result.code)) return null;
  if (isUntrusted(result.code)) {
    return `the database at ${address} presents a certificate not signed by the CA in SHIPYARD_DATABASE_CA (${result.reason}): set it to the CA that signed RethinkDB's --cert-file`;
  }
  if (result.code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `the database's certificate does not name ${server.host} (${result.reason}): use the host name it was made for in SHIPYARD_DATABASE`;
  if (isPlainServer(result)) return `the database at ${address} does not speak TLS (${result.reason}): unset SHIPYARD_DATABASE_CA or start RethinkDB with --driver-tls`;
  return `the TLS connection to the database at ${address} failed (${result.reason})`;
}

function loginProblem(message: string, address: string, credentials: Credentials): string | null {
  // RethinkDB answers "Wrong password" / "Unknown user" (error 12); a server that cannot prove it
  // knows the password (SCRAM) leaves the driver with "Invalid server signature".
  if (/wrong password|unknown user|invalid server signature|authentication|error 1[0-9]:/i.test(message)) {
    return `the database at ${address} refused the user "${credentials.user ?? 'admin'}" (${message.split('\n')[0]}): check SHIPYARD_DATABASE_USER and SHIPYARD_DATABASE_PASSWORD`;
  }
  return null;
}

/** Why the first server refuses these settings, in one line; null when it accepts them or is simply down. */
export async function explainDatabaseRefusal(server: ServerAddress, credentials: Credentials): Promise<string | null> {
  const address = formatServers([server]);
  if (credentials.ca !== null) {
    guardDriverTlsErrors();
    const problem = await tlsProblem(server, address, credentials.ca);
    if (problem) return problem;
  }
  const r = rethinkdbdash({ pool: false, silent: true });
  try {
    const connection = await withTimeout(Promise.resolve(r.connect({ host: server.host, port: server.port, timeout: CONNECT_TIMEOUT_SECONDS, ...driverCredentials(credentials) })), (CONNECT_TIMEOUT_SECONDS + 1) * 1000, 'no answer');
    await connection.close();
    return null;
  } catch (error) {
    return loginProblem(error instanceof Error ? error.message : String(error), address, credentials);
  }
}
