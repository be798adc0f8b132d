// Containers on the lab's flat network: start, address, ping, clean up.
import { TEST_LABEL, docker, requireLab } from './support';

/** Starts a sleeping container on the flat network of `host`; returns its address. */
export async function startOnFlat(host: number, name: string): Promise<string> {
  const { network, image } = requireLab();
  await docker(host, ['run', '-d', '--name', name, '--label', TEST_LABEL, '--network', network, image, 'sleep', '3600']);
  return flatAddress(host, name);
}

export async function flatAddress(host: number, name: string): Promise<string> {
  const { network } = requireLab();
  return docker(host, ['inspect', '--format', `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`, name]);
}

/** Addresses of several containers of one host, in one CLI call. */
export async function flatAddresses(host: number, names: readonly string[]): Promise<string[]> {
  const { network } = requireLab();
  const out = await docker(host, ['inspect', '--format', `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`, ...names]);
  return out.split('\n').map((line) => line.trim());
}

/**
 * Pings every address from inside `container` on `host` (one exec for all, each address tried
 * up to three times: the first frame to a new address waits for ARP). Returns the unreachable.
 */
export async function unreachableFrom(host: number, container: string, addresses: readonly string[]): Promise<string[]> {
  const script =
    'for ip in "$@"; do ok=; for try in 1 2 3; do ping -c1 -W2 "$ip" >/dev/null 2>&1 && { ok=1; break; }; done; ' +
    '[ -n "$ok" ] || echo "$ip"; done; true';
  const out = await docker(host, ['exec', container, 'sh', '-c', script, 'sh', ...addresses], 300_000);
  return out.split('\n').filter((line) => line.trim() !== '');
}

export function isPoolAddress(address: string): boolean {
  const { subnetBase, pool } = requireLab();
  const last = Number(address.split('.')[3]);
  return address.startsWith(`${subnetBase}.`) && last >= pool[0] && last <= pool[1];
}

/** Removes the containers lab tests started on every host (by label; nothing else). */
export async function removeTestContainers(): Promise<void> {
  const { dockers } = requireLab();
  await Promise.all(
    dockers.map(async (_url, index) => {
      const host = index + 1;
      const ids = await docker(host, ['ps', '-aq', '--filter', `label=${TEST_LABEL}`]).catch(() => '');
      if (ids) await docker(host, ['rm', '-f', ...ids.split('\n')], 180_000).catch(() => undefined);
    }),
  );
}
