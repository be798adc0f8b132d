import type { Server } from 'node:http';

/** A server the launcher started (the console, and any listener beside it), stopped on SIGINT/SIGTERM. */
export interface Listener {
  /** For the log: what listens, and where. */
  name: string;
  url: string;
  close(): Promise<void>;
}

/** Listens on host:port; a port in use or a host that is not ours is the error, not a hang. */
export function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Stops accepting and ends the open connections (idle keep-alives and long streams alike). */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The URL to print for host:port (IPv6 in brackets). */
export function listenUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
