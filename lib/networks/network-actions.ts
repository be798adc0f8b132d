// Creating, connecting, disconnecting and removing networks. The flat network is created with
// exactly the options the sidecar's create-network uses (flatNetworkOptions from lib/ipam).
import { z } from 'zod';
import { asEngineError, type EngineClient } from '@/lib/docker/engine-client';
import type { NetworkCreateOptions } from '@/lib/docker/engine-shapes';
import { ConflictError, ValidationError } from '@/lib/errors/app-error';
import { flatNetworkOptions } from '@/lib/docker/flat-network-options';
import { inspectNetwork, type NetworkView } from './network-view';

const octet = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const ipv4 = new RegExp(`^${octet}(\\.${octet}){3}$`);
const cidr = new RegExp(`^${octet}(\\.${octet}){3}/([0-9]|[12]\\d|3[0-2])$`);

const networkName = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/, 'Use 1 to 63 letters, digits, dots, dashes or underscores, starting with a letter or digit');
const subnet = z.string().trim().regex(cidr, 'Write the subnet as CIDR, e.g. 10.199.0.0/24');
const address = (example: string) => z.string().trim().regex(ipv4, `Write an IPv4 address, e.g. ${example}`);
const labels = z.record(z.string().min(1).max(128), z.string().max(256)).default({});

/** The seed's flat bridge network (docs/ipam.md): subnet, this host's address as gateway, the LAN's router as DefaultGatewayIPv4. */
export const flatNetworkSchema = z.object({
  kind: z.literal('flat'),
  name: networkName,
  subnet,
  gateway: address('10.199.0.1 (this host)'),
  router: address('10.199.0.254 (the LAN router)'),
  mtu: z.number().int().min(576).max(9216).default(1500),
  bridgeName: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9_.-]{1,15}$/, 'A Linux interface name: 1 to 15 letters, digits, dots, dashes or underscores')
    .default('br0'),
  ipamDriver: z.string().trim().regex(/^[a-zA-Z0-9_.-]{1,64}$/, 'Name an IPAM driver, e.g. talkingdata').default('talkingdata'),
  /** Where to create it: "all" (every configured engine) or one engine's URL or host name; absent: the console's engine. */
  target: z.string().trim().min(1, 'Choose an engine, or all').max(512).optional(),
  /** Each host's own address (host name or engine URL → address) when creating on several; others use `gateway`. */
  gateways: z.record(z.string().trim().min(1).max(512), address('10.199.0.2 (that host)')).optional(),
  labels,
});
export type FlatNetworkInput = z.infer<typeof flatNetworkSchema>;

export const overlayNetworkSchema = z.object({
  kind: z.literal('overlay'),
  name: networkName,
  subnet: subnet.optional(),
  gateway: address('10.0.9.1').optional(),
  attachable: z.boolean().default(true),
  encrypted: z.boolean().default(false),
  labels,
});

export const createNetworkSchema = z.discriminatedUnion('kind', [flatNetworkSchema, overlayNetworkSchema], {
  error: 'Choose kind flat (the seed bridge with the IPAM sidecar) or overlay (swarm-wide)',
});
export type CreateNetworkInput = z.infer<typeof createNetworkSchema>;

export const connectSchema = z.object({
  container: z.string().trim().min(1, 'Name the container (name or id)'),
  ipv4: address('10.199.0.20').optional(),
});
export const disconnectSchema = z.object({
  container: z.string().trim().min(1, 'Name the container (name or id)'),
  force: z.boolean().default(false),
});

/** A gateway or router outside the subnet is refused before any engine is asked. */
export function sameSubnet(input: CreateNetworkInput): void {
  if (!input.subnet || !input.gateway) return;
  const toNumber = (text: string) => text.split('.').reduce((total, part) => total * 256 + Number(part), 0);
  const [base = '', length = '32'] = input.subnet.split('/');
  const mask = Number(length) === 0 ? 0 : (0xffffffff << (32 - Number(length))) >>> 0;
  for (const [field, value] of [['gateway', input.gateway], ...(input.kind === 'flat' ? [['router', input.router]] : [])] as const) {
    if (((toNumber(value) & mask) >>> 0) !== ((toNumber(base) & mask) >>> 0)) {
      const message = `${value} is outside the subnet ${input.subnet}: give an address inside it`;
      throw new ValidationError(`${field}: ${message}`, [{ path: field, message }]);
    }
  }
}

function createOptionsOf(input: CreateNetworkInput): NetworkCreateOptions {
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

export async function createNetwork(docker: EngineClient, input: CreateNetworkInput): Promise<NetworkView> {
  sameSubnet(input);
  const { id } = await docker.createNetwork(createOptionsOf(input));
  return input.kind === 'overlay' ? inspectOnceAllocated(docker, id) : inspectNetwork(docker, id);
}

/**
 * The swarm manager allocates an overlay network (its driver state and subnet) a moment after
 * it is created, and until then inspect shows an empty driver and no subnet. Wait for that,
 * briefly, so the answer describes the network as it will be.
 */
async function inspectOnceAllocated(docker: EngineClient, id: string): Promise<NetworkView> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const view = await inspectNetwork(docker, id);
    if (view.driver !== '' || Date.now() > deadline) return view;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function connectContainer(docker: EngineClient, network: string, input: z.infer<typeof connectSchema>): Promise<void> {
  await docker.connectNetwork(network, {
    Container: input.container,
    ...(input.ipv4 ? { EndpointConfig: { IPAMConfig: { IPv4Address: input.ipv4 } } } : {}),
  });
}

export async function disconnectContainer(docker: EngineClient, network: string, input: z.infer<typeof disconnectSchema>): Promise<void> {
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
