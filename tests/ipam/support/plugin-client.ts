// A Docker-like caller of the plugin protocol over a unix socket.
import { request } from 'node:http';

export interface PluginReply {
  status: number;
  contentType: string | undefined;
  body: Record<string, unknown>;
}

export function callPlugin(socketPath: string, path: string, body?: unknown, raw?: string): Promise<PluginReply> {
  const payload = raw ?? (body === undefined ? '' : JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const call = request(
      { socketPath, path, method: 'POST', headers: { Accept: 'application/vnd.docker.plugins.v1.2+json' }, timeout: 30_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'], body: JSON.parse(text) as Record<string, unknown> });
          } catch (error) {
            reject(new Error(`plugin replied non-JSON ${JSON.stringify(text)}: ${String(error)}`));
          }
        });
      },
    );
    call.on('timeout', () => call.destroy(new Error(`no reply from ${socketPath}${path} in 30 s`)));
    call.on('error', reject);
    call.end(payload);
  });
}

export function randomMac(): string {
  const bytes = [0x02, 0x42, ...Array.from({ length: 4 }, () => Math.floor(Math.random() * 256))];
  return bytes.map((byte) => byte.toString(16).padStart(2, '0')).join(':');
}

export function requestAddress(socketPath: string, poolId: string, mac: string, address = ''): Promise<PluginReply> {
  return callPlugin(socketPath, '/IpamDriver.RequestAddress', {
    PoolID: poolId,
    Address: address,
    Options: { 'com.docker.network.endpoint.macaddress': mac },
  });
}
