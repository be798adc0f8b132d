// What a caller may ask of a network: the create body (flat or overlay), connect and disconnect.
import { z } from 'zod';

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

/** The project's IPAM driver (the sidecar's socket name): its pools are the ones the IP allocations page shows. */
export const PROJECT_IPAM_DRIVER = 'talkingdata';

const interfaceName = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9_.-]{1,15}$/, 'A Linux interface name: 1 to 15 letters, digits, dots, dashes or underscores');

/**
 * A container range added in the same step as the network (ip-range), when the subnet's pool has
 * none: the first and last container address, inside the subnet. Needs the right to add ranges.
 */
export const containerRangeSchema = z.object({ start: address('10.199.0.100'), end: address('10.199.0.199') });
export type ContainerRangeInput = z.infer<typeof containerRangeSchema>;

/** The seed's flat bridge network (docs/ipam.md): subnet, this host's address as gateway, the LAN's router as DefaultGatewayIPv4. */
export const flatNetworkSchema = z.object({
  kind: z.literal('flat'),
  name: networkName,
  subnet,
  gateway: address('10.199.0.1 (this host)'),
  router: address('10.199.0.254 (the LAN router)'),
  mtu: z.number().int().min(576).max(9216).default(1500),
  bridgeName: interfaceName.default('br0'),
  ipamDriver: z.string().trim().regex(/^[a-zA-Z0-9_.-]{1,64}$/, 'Name an IPAM driver, e.g. talkingdata').default(PROJECT_IPAM_DRIVER),
  /** Another IPAM driver than the project's, chosen knowingly: its containers never show on the IP allocations page. */
  otherIpamDriver: z.boolean().default(false),
  containerRange: containerRangeSchema.optional(),
  /** Where to create it: "all" (every configured engine) or one engine's URL or host name; absent: the console's engine. */
  target: z.string().trim().min(1, 'Choose an engine, or all').max(512).optional(),
  /** Each host's own address (host name or engine URL → address) when creating on several; others use `gateway`. */
  gateways: z.record(z.string().trim().min(1).max(512), address('10.199.0.2 (that host)')).optional(),
  labels,
});
export type FlatNetworkInput = z.infer<typeof flatNetworkSchema>;

/**
 * The flat network for swarm services: created once on the manager with scope swarm, the managed
 * IPAM plugin (SHIPYARD_SWARM_IPAM_DRIVER) and the same pools as the local flat network. On each
 * host Docker makes it a bridge on `bridgeName` (or a macvlan on `parent`).
 */
export const swarmFlatNetworkSchema = z
  .object({
    kind: z.literal('swarm-flat'),
    name: networkName,
    subnet,
    gateway: address('10.199.0.254'),
    router: address('10.199.0.254 (the LAN router)'),
    mtu: z.number().int().min(576).max(9216).default(1500),
    driver: z.enum(['bridge', 'macvlan'], { message: 'Choose bridge (on each host\'s bridge) or macvlan (on each host\'s interface)' }).default('bridge'),
    bridgeName: interfaceName.default('br0'),
    /** macvlan: the host interface the network sits on. */
    parent: interfaceName.optional(),
    containerRange: containerRangeSchema.optional(),
    /** Each host's own gateway (host name or engine URL → address); others use `gateway`. */
    gateways: z.record(z.string().trim().min(1).max(512), address('10.199.0.2 (that host)')).optional(),
    labels,
  })
  .refine((input) => input.driver !== 'macvlan' || input.parent !== undefined, { path: ['parent'], message: "Name each host's interface for macvlan, e.g. eth0" });
export type SwarmFlatNetworkInput = z.infer<typeof swarmFlatNetworkSchema>;

export const overlayNetworkSchema = z.object({
  kind: z.literal('overlay'),
  name: networkName,
  subnet: subnet.optional(),
  gateway: address('10.0.9.1').optional(),
  attachable: z.boolean().default(true),
  encrypted: z.boolean().default(false),
  labels,
});

export type OverlayNetworkInput = z.infer<typeof overlayNetworkSchema>;

export const createNetworkSchema = z
  .discriminatedUnion('kind', [flatNetworkSchema, swarmFlatNetworkSchema, overlayNetworkSchema], {
    error: 'Choose kind flat (the seed bridge with the IPAM sidecar), swarm-flat (the flat network for swarm services) or overlay (swarm-wide)',
  })
  .refine((input) => input.kind !== 'flat' || input.ipamDriver === PROJECT_IPAM_DRIVER || input.otherIpamDriver, {
    path: ['ipamDriver'],
    message: `A flat network uses the project's IPAM driver, ${PROJECT_IPAM_DRIVER}: with another one (ticked as an advanced choice) its containers do not appear on the IP allocations page`,
  });
export type CreateNetworkInput = z.infer<typeof createNetworkSchema>;

export const connectSchema = z.object({
  container: z.string().trim().min(1, 'Name the container (name or id)'),
  ipv4: address('10.199.0.20').optional(),
});
export type ConnectInput = z.infer<typeof connectSchema>;
export const disconnectSchema = z.object({
  container: z.string().trim().min(1, 'Name the container (name or id)'),
  force: z.boolean().default(false),
});
export type DisconnectInput = z.infer<typeof disconnectSchema>;
