// The baseline: bare etcd3 clients doing the allocator's transaction (address and MAC keys
// created only if both are absent) with no plugin in between, candidates handed out by a counter.
import { randomUUID } from 'node:crypto';
import { Etcd3 } from 'etcd3';

export interface RawTarget {
  readonly clients: Etcd3[];
  close(): void;
}

export function rawClients(endpoints: string[], count: number): RawTarget {
  const clients = Array.from({ length: count }, () => new Etcd3({ hosts: endpoints }));
  return { clients, close: () => clients.forEach((client) => client.close()) };
}

export async function rawAllocate(client: Etcd3, prefix: string, address: string, mac: string, host: string): Promise<boolean> {
  const addressKey = `${prefix}subnets/bench/addrs/${address}`;
  const macKey = `${prefix}subnets/bench/macs/${mac}`;
  const record = JSON.stringify({ kind: 'container', host, mac, at: new Date().toISOString(), nonce: randomUUID() });
  const result = await client
    .if(addressKey, 'Create', '==', 0)
    .and(macKey, 'Create', '==', 0)
    .then(client.put(addressKey).value(record), client.put(macKey).value(address))
    .else(client.get(addressKey), client.get(macKey))
    .commit();
  return result.succeeded;
}
