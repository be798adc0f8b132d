// Flannel's keys read from the console's etcd: the network config and each host's subnet lease
// with the time left on its etcd lease (Flannel renews it; an expired lease drops the key).
import { EtcdUnavailableError } from '@/lib/etcd/etcd-unavailable-error';
import type { EtcdStore } from '@/lib/etcd/store';
import { AppError } from '@/lib/errors/app-error';
import { compareSubnets, parseFlannelConfig, parseFlannelLease } from './parse';
import type { FlannelLeaseView, FlannelView } from './types';

/** `etcd`: any store on the console's etcd; Flannel's keys are read under `prefix` on its connection. */
export async function readFlannel(etcd: EtcdStore, prefix: string): Promise<FlannelView> {
  try {
    const flannel = etcd.within(prefix);
    const [config, subnets] = await Promise.all([flannel.get('config'), flannel.listLeased('subnets/')]);
    const problems: string[] = [];
    const parsedConfig = config === undefined ? null : parseFlannelConfig(config.value);
    if (parsedConfig && !parsedConfig.ok) problems.push(parsedConfig.problem);
    const leases: FlannelLeaseView[] = [];
    const parsed = await Promise.all(
      subnets.map(async (entry) =>
        parseFlannelLease(entry.key.slice('subnets/'.length), entry.value, entry.lease === undefined ? null : await flannel.leaseSecondsLeft(entry.lease)),
      ),
    );
    for (const lease of parsed) {
      if (lease.ok) leases.push(lease.value);
      else problems.push(lease.problem);
    }
    return { prefix, config: parsedConfig?.ok ? parsedConfig.value : null, leases: leases.sort(compareSubnets), problems };
  } catch (error) {
    // The store's message already names the endpoints and the fix; an outage has nothing else to say.
    const reason = error instanceof EtcdUnavailableError ? error.message : `${error instanceof Error ? error.message : String(error)}: check that etcd is running and reachable`;
    throw new AppError('ETCD_UNAVAILABLE', `etcd did not answer reading Flannel's keys under ${prefix}: ${reason}`, { cause: error });
  }
}
