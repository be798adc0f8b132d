// create-network --scope swarm: this host's part of a swarm-scoped flat network (macvlan on br0,
// the managed plugin as IPAM; docs/managed-plugin.md). Run on every host: each makes its
// config-only network NAME-config, and a manager also makes the swarm network NAME once.
import { configNetworkName, SWARM_FLAT_IPAM_DRIVER, type SwarmFlatNetworkSpec } from '../../lib/docker/swarm-flat-network';
import type { Engine } from '../../lib/ipam/engine';
import { formatCidr, formatIpv4, parseCidr, sameCidr } from '../../lib/ipam/ipv4';
import type { Store } from '../../lib/ipam/store';
import { listSubnetConfigs, type SubnetConfig } from '../../lib/ipam/subnet-config';
import { UsageError, stringFlag } from '../args';
import type { CommandContext } from '../command';
import { withStore } from '../store-of';

/** The pool the network draws from: --subnet, or the only one in etcd. */
export function choosePool(configs: readonly SubnetConfig[], subnet: string | undefined): SubnetConfig {
  const wanted = subnet === undefined ? undefined : parseCidr(subnet, '--subnet');
  const matching = wanted ? configs.filter((config) => sameCidr(config.subnet, wanted)) : configs;
  const [config] = matching;
  if (matching.length === 1 && config) return config;
  const known = configs.map((entry) => formatCidr(entry.subnet)).join(', ') || 'none';
  throw new UsageError(
    wanted
      ? `no pool for --subnet ${formatCidr(wanted)} in etcd (pools: ${known}): make it with ip-range and host-range first`
      : `pass --subnet: etcd has ${configs.length === 0 ? 'no pool (make one with ip-range and host-range)' : `several pools (${known})`}`,
  );
}

export async function createSwarmFlatNetwork({ values, globals, out }: CommandContext, engine: Engine): Promise<number> {
  if (!engine.createSwarmFlatConfig || !engine.createSwarmFlatNetwork) throw new Error('this engine client cannot create swarm networks');
  const configs = await withStore(globals, (store: Store) => listSubnetConfigs(store));
  const config = choosePool(configs, stringFlag(values, 'subnet'));
  if (config.gateway === undefined) {
    throw new UsageError(`the pool ${formatCidr(config.subnet)} has no router: set it with host-range --gateway`);
  }
  const spec: SwarmFlatNetworkSpec = {
    name: stringFlag(values, 'name') ?? 'mynet',
    ipamDriver: stringFlag(values, 'driver') ?? SWARM_FLAT_IPAM_DRIVER,
    subnet: formatCidr(config.subnet),
    router: formatIpv4(config.gateway),
    parent: stringFlag(values, 'parent') ?? 'br0',
  };
  const configName = configNetworkName(spec.name);
  out(
    `creating on this host: docker network create --config-only --ipam-driver=${spec.ipamDriver} --subnet=${spec.subnet} ` +
      `--gateway=${spec.router} -o parent=${spec.parent} ${configName}`,
  );
  out(`${configName} ready (${(await engine.createSwarmFlatConfig(spec)).slice(0, 12)})`);
  const id = await engine.createSwarmFlatNetwork(spec);
  if (id === undefined) {
    out(`this engine is no swarm manager: on a manager, run the same command once to create ${spec.name} ` +
      `(docker network create -d macvlan --scope swarm --config-from ${configName} ${spec.name})`);
  } else {
    out(`swarm network ${spec.name} ready (${id.slice(0, 12)}): docker service create --network ${spec.name} …; ` +
      'every host that runs its tasks needs its own ' + configName);
  }
  return 0;
}
