export interface DatabaseServer {
  host: string;
  port: number;
}

/** Parses SHIPYARD_DATABASE: one or more comma-separated host:port pairs. */
export function parseDatabaseServers(value: string): DatabaseServer[] | string {
  const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  if (entries.length === 0) return 'give at least one host:port, e.g. "rethinkdb:28015"';
  const servers: DatabaseServer[] = [];
  for (const entry of entries) {
    const match = /^(\[[0-9a-fA-F:.]+\]|[^:\s/]+)(?::(\d+))?$/.exec(entry);
    if (!match || match[1] === undefined) return `"${entry}" is not host:port (e.g. "rethinkdb:28015")`;
    const port = match[2] === undefined ? 28015 : Number(match[2]);
    if (port < 1 || port > 65535) return `"${entry}" has a port out of range (1 to 65535)`;
    servers.push({ host: match[1].replace(/^\[|\]$/g, ''), port });
  }
  return servers;
}
