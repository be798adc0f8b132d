import { SWARM_FLAT_IPAM_DRIVER } from '../../lib/docker/swarm-flat-network';
import { connectEngine, type FlatNetworkSpec } from '../../lib/ipam/engine';
import { claimHostAddress } from '../../lib/ipam/host-addresses';
import { applySteps, hostMoveSteps, interfaceHolding } from '../../lib/ipam/host-move';
import { formatCidr, formatIpv4 } from '../../lib/ipam/ipv4';
import { UsageError, numberFlag, requiredFlag, stringFlag } from '../args';
import type { Command } from '../command';
import { DEFAULT_DRIVER, dockerFlag, dockerUrlOf, hostIdFlag, hostIdOf } from '../defaults';
import { withStore } from '../store-of';
import { createSwarmFlatNetwork } from './create-swarm-network';

function dockerCommandOf(spec: FlatNetworkSpec): string {
  return [
    'docker network create',
    '--opt=com.docker.network.bridge.enable_icc=true',
    '--opt=com.docker.network.bridge.enable_ip_masquerade=false',
    '--opt=com.docker.network.bridge.host_binding_ipv4=0.0.0.0',
    `--opt=com.docker.network.bridge.name=${spec.bridgeName}`,
    `--opt=com.docker.network.driver.mtu=${spec.mtu}`,
    `--ipam-driver=${spec.ipamDriver}`,
    `--subnet=${spec.subnet}`,
    `--gateway=${spec.gateway}`,
    `--aux-address=DefaultGatewayIPv4=${spec.router}`,
    spec.name,
  ].join(' ');
}

export const createNetworkCommand: Command = {
  name: 'create-network',
  summary:
    "Take this host's address from its host range and create the seed's flat bridge network with it as gateway; " +
    'print (or --apply) the step that moves the address onto the bridge. --scope swarm: this host\'s part of a ' +
    'swarm-scoped flat network (macvlan on --parent, the managed plugin as IPAM; run it on every host).',
  flags: {
    ip: { type: 'string', description: "this host's address, from a host range (--scope local)" },
    name: { type: 'string', description: 'Docker network name', default: 'mynet' },
    driver: { type: 'string', description: 'IPAM driver name', default: `${DEFAULT_DRIVER} (--scope swarm: ${SWARM_FLAT_IPAM_DRIVER})` },
    scope: { type: 'string', description: 'local: the seed\'s bridge on this host; swarm: a swarm-scoped flat network', default: 'local' },
    parent: { type: 'string', description: '--scope swarm: the interface macvlan hangs off', default: 'br0' },
    subnet: { type: 'string', description: '--scope swarm: the pool\'s subnet', default: 'the only pool in etcd' },
    bridge: { type: 'string', description: 'Linux bridge name', default: 'br0' },
    mtu: { type: 'string', description: 'MTU of the bridge', default: '1500' },
    interface: { type: 'string', description: 'interface holding the address now', default: 'the one holding --ip' },
    apply: { type: 'boolean', description: 'run the move step instead of printing it' },
    'host-id': hostIdFlag,
    docker: dockerFlag,
  },
  async run(context) {
    const { values, globals, env, out } = context;
    const scope = stringFlag(values, 'scope') ?? 'local';
    if (scope === 'swarm') return createSwarmFlatNetwork(context, connectEngine(dockerUrlOf(stringFlag(values, 'docker'), env)));
    if (scope !== 'local') throw new UsageError(`--scope takes local or swarm, got "${scope}"`);
    const ip = requiredFlag(values, 'ip');
    const hostId = hostIdOf(stringFlag(values, 'host-id'), env);
    const { config, address } = await withStore(globals, (store) => claimHostAddress(store, ip, hostId));
    const spec: FlatNetworkSpec = {
      name: stringFlag(values, 'name') ?? 'mynet',
      ipamDriver: stringFlag(values, 'driver') ?? DEFAULT_DRIVER,
      subnet: formatCidr(config.subnet),
      gateway: formatIpv4(address),
      router: formatIpv4(config.gateway ?? address),
      bridgeName: stringFlag(values, 'bridge') ?? 'br0',
      mtu: numberFlag(values, 'mtu', 1500),
    };
    out(`host ${hostId} holds ${spec.gateway}; creating: ${dockerCommandOf(spec)}`);
    const id = await connectEngine(dockerUrlOf(stringFlag(values, 'docker'), env)).createFlatNetwork(spec);
    out(`network ${spec.name} created (${id.slice(0, 12)})`);
    const iface = stringFlag(values, 'interface') ?? interfaceHolding(spec.gateway);
    const steps = hostMoveSteps(`${spec.gateway}/${config.subnet.prefixLength}`, iface ?? '<interface>', spec.bridgeName);
    if (values.apply === true) {
      if (!iface) throw new UsageError(`no interface holds ${spec.gateway}: pass --interface NAME`);
      await applySteps(steps);
      out(`moved ${spec.gateway} from ${iface} onto ${spec.bridgeName}`);
    } else {
      out('to move the host address onto the bridge, run (or pass --apply):');
      steps.forEach((step) => out(`  ${step.join(' ')}`));
    }
    return 0;
  },
};
