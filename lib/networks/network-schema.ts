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
export type ConnectInput = z.infer<typeof connectSchema>;
export const disconnectSchema = z.object({
  container: z.string().trim().min(1, 'Name the container (name or id)'),
  force: z.boolean().default(false),
});
export type DisconnectInput = z.infer<typeof disconnectSchema>;
