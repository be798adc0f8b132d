// Why the database refuses the console, in one line for the start-up report: an untrusted
// certificate, TLS on one side only, a wrong user or password.
import { formatServers, type ConnectOptions, type ServerAddress } from '@/prisma-free-db/connection';
import { tryDatabaseLogin } from '@/prisma-free-db/try-login';
import { isPlainServer, isUnreachable, isUntrusted, tlsHandshake } from './tls-handshake';

type Credentials = NonNullable<ConnectOptions['credentials']>;

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

/** Why the first server refuses these settings, in one line; null when it accepts them or is simply down. */
export async function explainDatabaseRefusal(server: ServerAddress, credentials: Credentials): Promise<string | null> {
  const address = formatServers([server]);
  if (credentials.ca !== null) {
    const problem = await tlsProblem(server, address, credentials.ca);
    if (problem) return problem;
  }
  const refusal = await tryDatabaseLogin(server, credentials);
  // RethinkDB answers "Wrong password" / "Unknown user" (error 12); a server that cannot prove it
  // knows the password (SCRAM) leaves the driver with "Invalid server signature".
  if (refusal !== null && /wrong password|unknown user|invalid server signature|authentication|error 1[0-9]:/i.test(refusal)) {
    return `the database at ${address} refused the user "${credentials.user ?? 'admin'}" (${refusal}): check SHIPYARD_DATABASE_USER and SHIPYARD_DATABASE_PASSWORD`;
  }
  return null;
}
