// What a caller may ask of the IPAM pools: add a range, free an address, collect garbage.
import { z } from 'zod';

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const addressWithPrefix = z
  .string()
  .trim()
  .refine((text) => {
    const [address, length, ...rest] = text.split('/');
    return rest.length === 0 && ipv4.test(address ?? '') && /^([0-9]|[12]\d|3[0-2])$/.test(length ?? '');
  }, 'Write an IPv4 address with its prefix length, e.g. 10.199.0.10/24');

export const addRangeSchema = z
  .object({
    kind: z.enum(['container', 'host'], { message: 'Choose container (addresses for docker run) or host (addresses of the Docker hosts)' }),
    start: addressWithPrefix,
    end: addressWithPrefix,
    gateway: z.string().trim().regex(ipv4, "Write the router's IPv4 address, e.g. 10.199.0.254").optional(),
  })
  .refine((input) => input.kind === 'container' || input.gateway !== undefined, {
    path: ['gateway'],
    message: "A host range needs the router's address (the flat network's DefaultGatewayIPv4)",
  });
export type AddRangeInput = z.infer<typeof addRangeSchema>;

export const releaseAddressSchema = z.object({
  address: z.string().trim().regex(ipv4, 'Write the IPv4 address to free, e.g. 10.199.0.12'),
});
export type ReleaseAddressInput = z.infer<typeof releaseAddressSchema>;

export const gcSchema = z.object({
  freeGoneHosts: z.boolean().default(false),
  graceSeconds: z.number().int().min(0).max(86_400).default(600),
});
export type GcInput = z.infer<typeof gcSchema>;
