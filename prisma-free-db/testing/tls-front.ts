// A TLS terminator in front of a plain TCP port, for tests: reqlite speaks no TLS, so the
// driver's TLS (SHIPYARD_DATABASE_CA) is tested against this front with a certificate of the test's own.
import net from 'node:net';
import tls from 'node:tls';

export interface TlsFront {
  readonly port: number;
  close(): Promise<void>;
}

export async function startTlsFront(options: { cert: string; key: string; targetPort: number }): Promise<TlsFront> {
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ cert: options.cert, key: options.key }, (client) => {
    const upstream = net.connect({ host: '127.0.0.1', port: options.targetPort });
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the TLS front has no port');
  return {
    port: address.port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
