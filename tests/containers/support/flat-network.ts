// A flat network of the test's own: its own shipyard-ipam sidecar (the real CLI, a driver name
// and etcd prefix no one else uses), an ip-range, and a bridge network in 10.197.x.0/24 whose
// IPAM is that sidecar. Never 10.198/10.199: the lab and the IPAM tests use those.
import { join } from 'node:path';
import { parseRangeFlags } from '@/lib/ipam/ranges';
import { addContainerRange, addHostRange } from '@/lib/ipam/subnet-config';
import { docker, dockerOk, seedNetworkArgs } from '../../ipam/support/docker-cli';
import { etcdEndpoints, pluginDir, testPrefix, testStore, uniqueId } from '../../ipam/support/fixtures';
import { startChild, waitForExit } from '../../ipam/support/instances';

export interface FlatNetwork {
  id: string;
  name: string;
  /** The first three octets, e.g. 10.197.42 */
  net: string;
  /** The container range: .10 to .60 */
  firstContainerAddress: string;
  dispose(): Promise<void>;
}

export async function createFlatNetwork(label: string): Promise<FlatNetwork> {
  const id = uniqueId();
  const net = `10.197.${parseInt(id.slice(0, 2), 16)}`;
  const driver = `sy-${label}-${id}`;
  const name = `synet-${label}-${id}`;
  const prefix = testPrefix();
  const store = testStore(prefix);
  await addContainerRange(store, parseRangeFlags(`${net}.10/24`, `${net}.60/24`));
  await addHostRange(store, parseRangeFlags(`${net}.1/24`, `${net}.5/24`), `${net}.254`);
  const sidecar = await startChild(etcdEndpoints(), prefix, join(pluginDir(), `${driver}.sock`), `host-${id}`);
  await dockerOk(...seedNetworkArgs({ driver, bridge: `sy${id}`, subnet: `${net}.0/24`, gateway: `${net}.1`, router: `${net}.254`, name }));
  return {
    id,
    name,
    net,
    firstContainerAddress: `${net}.10`,
    async dispose() {
      const left = await docker('ps', '-aq', '--filter', `network=${name}`);
      if (left.stdout) await docker('rm', '-f', ...left.stdout.split('\n'));
      await docker('network', 'rm', name);
      sidecar.process.kill('SIGTERM');
      await waitForExit(sidecar.process);
      await store.deleteAll();
      store.close();
    },
  };
}
