export interface ListenAddress {
  host: string;
  port: number;
}

/**
 * Parses SHIPYARD_LISTEN as Shipyard's users wrote it: ":8080", "8080", "0.0.0.0:8080",
 * "127.0.0.1:9000" or "[::1]:8080". An empty host means every interface.
 */
export function parseListenAddress(value: string): ListenAddress | string {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*))?:?(\d+)$/.exec(value.trim());
  if (!match) return `"${value}" is not an address to listen on: write ":8080" or "127.0.0.1:8080"`;
  const host = match[1] ?? match[2] ?? '';
  const port = Number(match[3]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return `port ${match[3]} is out of range: use a port from 1 to 65535`;
  }
  return { host: host === '' ? '0.0.0.0' : host, port };
}
