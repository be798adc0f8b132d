// Flannel's keys read from the console's etcd: the network config and each host's subnet lease
// with the time left on its etcd lease (Flannel renews it; an expired lease drops the key).
import type { Etcd3 } from 'etcd3';
import { AppError } from '@/lib/errors/app-error';
import { compareSubnets, parseFlannelConfig, parseFlannelLease } from './parse';
import type { FlannelLeaseView, FlannelView } from './types';

async function secondsLeft(etcd: Etcd3, lease: string | undefined): Promise<number | null> {
  if (!lease || lease === '0') return null;
  const answer = await etcd.leaseClient.leaseTimeToLive({ ID: lease });
  const ttl = Number(answer.TTL);
  return Number.isFinite(ttl) ? Math.max(0, ttl) : null;
}

export async function readFlannel(etcd: Etcd3, prefix: string): Promise<FlannelView> {
  try {
    const [config, subnets] = await Promise.all([etcd.get(`${prefix}config`).string(), etcd.getAll().prefix(`${prefix}subnets/`).exec()]);
    const problems: string[] = [];
    const parsedConfig = config === null ? null : parseFlannelConfig(config);
    if (parsedConfig && !parsedConfig.ok) problems.push(parsedConfig.problem);
    const leases: FlannelLeaseView[] = [];
    const parsed = await Promise.all(
      subnets.kvs.map(async (kv) =>
        parseFlannelLease(kv.key.toString().slice(`${prefix}subnets/`.length), kv.value.toString(), await secondsLeft(etcd, kv.lease)),
      ),
    );
    for (const lease of parsed) {
      if (lease.ok) leases.push(lease.value);
      else problems.push(lease.problem);
    }
    return { prefix, config: parsedConfig?.ok ? parsedConfig.value : null, leases: leases.sort(compareSubnets), problems };
  } catch (error) {
    throw new AppError('ETCD_UNAVAILABLE', `etcd did not answer reading Flannel's keys under ${prefix} (${error instanceof Error ? error.message : String(error)}): check that etcd is running and reachable`, {
      cause: error,
    });
  }
}
