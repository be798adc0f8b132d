// Creating, connecting, disconnecting and removing networks. The flat network is created with
// exactly the options the sidecar's create-network uses (flatNetworkOptions from lib/ipam).
import { asEngineError, type EngineClient } from '@/lib/docker/engine-client';
import type { NetworkCreateOptions } from '@/lib/docker/engine-shapes';
import { ConflictError, ValidationError } from '@/lib/errors/app-error';
import { flatNetworkOptions } from '@/lib/docker/flat-network-options';
import { type ManagedPluginEntry, translateIpamPluginError } from './ipam-plugin-missing';
import type { ConnectInput, CreateNetworkInput, DisconnectInput, FlatNetworkInput, OverlayNetworkInput } from './network-schema';
import { DEFAULT_SWARM_IPAM_DRIVER } from './swarm-flat-options';
import { createSwarmFlatNetwork } from './swarm-flat-network';
import { inspectNetwork, inspectOnceAllocated, type NetworkView } from './network-view';

/** A gateway or router outside the subnet is refused before any engine is asked. */
export function sameSubnet(input: CreateNetworkInput): void {
  if (!input.subnet || !input.gateway) return;
  const toNumber = (text: string) => text.split('.').reduce((total, part) => total * 256 + Number(part), 0);
  const [base = '', length = '32'] = input.subnet.split('/');
  const mask = Number(length) === 0 ? 0 : (0xffffffff << (32 - Number(length))) >>> 0;
  for (const [field, value] of [['gateway', input.gateway], ...(input.kind === 'overlay' ? [] : [['router', input.router]])] as const) {
    if (((toNumber(value) & mask) >>> 0) !== ((toNumber(base) & mask) >>> 0)) {
      const message = `${value} is outside the subnet ${input.subnet}: give an address inside it`;
      throw new ValidationError(`${field}: ${message}`, [{ path: field, message }]);
    }
  }
}

function createOptionsOf(input: FlatNetworkInput | OverlayNetworkInput): NetworkCreateOptions {
  if (input.kind === 'flat') {
    return {
      ...flatNetworkOptions({
        name: input.name,
        ipamDriver: input.ipamDriver,
        subnet: input.subnet,
        gateway: input.gateway,
        router: input.router,
        bridgeName: input.bridgeName,
        mtu: input.mtu,
      }),
      Labels: input.labels,
    };
  }
  return {
    Name: input.name,
    CheckDuplicate: true,
    Driver: 'overlay',
    Attachable: input.attachable,
    Labels: input.labels,
    ...(input.encrypted ? { Options: { encrypted: '' } } : {}),
    ...(input.subnet ? { IPAM: { Driver: 'default', Config: [{ Subnet: input.subnet, ...(input.gateway ? { Gateway: input.gateway } : {}) }] } } : {}),
  };
}

/** Creates a network on one engine; a swarm-scoped flat network with that engine as manager and only host. */
export async function createNetwork(docker: EngineClient, input: CreateNetworkInput, swarmIpam?: SwarmIpam): Promise<NetworkView> {
  if (input.kind === 'swarm-flat') {
    const ipam = swarmIpam ?? { driver: DEFAULT_SWARM_IPAM_DRIVER, plugins: () => docker.listIpamPlugins() };
    const host = { host: 'manager', url: '', docker };
    const { network, results } = await createSwarmFlatNetwork({ manager: docker, hosts: [host], ipamDriver: ipam.driver, plugins: ipam.plugins }, input);
    if (!network) throw new ConflictError(results.map((result) => result.message).join('; '));
    return network;
  }
  sameSubnet(input);
  const { id } = await docker.createNetwork(createOptionsOf(input)).catch((error: unknown) => {
    throw input.kind === 'flat' ? translateIpamPluginError(error, input.ipamDriver) : error;
  });
  return input.kind === 'overlay' ? inspectOnceAllocated(docker, id) : inspectNetwork(docker, id);
}

/** How a swarm-scoped flat network gets its IPAM on a single engine: the plugin's name and that engine's IPAM plugins. */
export interface SwarmIpam {
  readonly driver: string;
  plugins(): Promise<readonly ManagedPluginEntry[]>;
}

export async function connectContainer(docker: EngineClient, network: string, input: ConnectInput): Promise<void> {
  await docker.connectNetwork(network, {
    Container: input.container,
    ...(input.ipv4 ? { EndpointConfig: { IPAMConfig: { IPv4Address: input.ipv4 } } } : {}),
  });
}

export async function disconnectContainer(docker: EngineClient, network: string, input: DisconnectInput): Promise<void> {
  await docker.disconnectNetwork(network, { Container: input.container, Force: input.force });
}

/** Refuses, with the names, while containers are attached (Docker would say only "active endpoints"). */
export async function removeNetwork(docker: EngineClient, idOrName: string): Promise<NetworkView> {
  const network = await inspectNetwork(docker, idOrName);
  if (network.predefined) throw new ConflictError(`${network.name} is one of Docker's own networks and cannot be removed`);
  if (network.containers.length > 0) {
    const names = network.containers.map((container) => container.name).join(', ');
    throw new ConflictError(
      `Network ${network.name} is in use by ${network.containers.length} container(s): ${names}. Disconnect or remove them first, then remove the network`,
    );
  }
  try {
    await docker.removeNetwork(network.id);
  } catch (error) {
    const translated = asEngineError(error);
    if (/active endpoints/i.test(translated.message)) {
      throw new ConflictError(`Network ${network.name} is in use (a service task or another host still has endpoints on it): remove those first`);
    }
    throw translated;
  }
  return network;
}
