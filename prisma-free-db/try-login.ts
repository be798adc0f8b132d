// One connection of our own, outside the pool: the pool retries a refused login in the background
// and only ever says "unreachable", so the start-up report asks once, directly, what the server said.
import rethinkdbdash from 'rethinkdbdash';
import { driverCredentials, type ConnectOptions, type ServerAddress } from './connection';
import { guardDriverHandshakeErrors } from './driver-handshake-guard';

const CONNECT_TIMEOUT_SECONDS = 3;

/** The driver's first line when `server` refuses a connection with these credentials; null when it accepts. */
export async function tryDatabaseLogin(server: ServerAddress, credentials: NonNullable<ConnectOptions['credentials']>): Promise<string | null> {
  guardDriverHandshakeErrors();
  const r = rethinkdbdash({ pool: false, silent: true });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer')), (CONNECT_TIMEOUT_SECONDS + 1) * 1000);
  });
  try {
    const connection = await Promise.race([r.connect({ host: server.host, port: server.port, timeout: CONNECT_TIMEOUT_SECONDS, ...driverCredentials(credentials) }), timeout]);
    await connection.close();
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return (message.split('\n')[0] ?? message).trim();
  } finally {
    clearTimeout(timer);
  }
}
