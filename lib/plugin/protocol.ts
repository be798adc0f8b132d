// Docker's remote IPAM protocol (libnetwork docs/ipam.md): request schemas and reply shapes.
// Field names are Docker's; nothing here knows about etcd.
import { z } from 'zod';

export const CONTENT_TYPE = 'application/vnd.docker.plugins.v1+json';
export const GATEWAY_REQUEST_TYPE = 'com.docker.network.gateway';
export const MAC_OPTION = 'com.docker.network.endpoint.macaddress';
export const REQUEST_ADDRESS_TYPE_OPTION = 'RequestAddressType';

const options = z.record(z.string(), z.string()).nullish();
const macAddress = z
  .string()
  .regex(/^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/, 'is not a MAC address like 02:42:0a:c7:00:0a')
  .transform((mac) => mac.toLowerCase().replaceAll('-', ':'));

export const requestPoolSchema = z.object({
  AddressSpace: z.string().nullish(),
  Pool: z.string().nullish(),
  SubPool: z.string().nullish(),
  Options: options,
  V6: z.boolean().nullish(),
});
export type RequestPoolRequest = z.infer<typeof requestPoolSchema>;

export const releasePoolSchema = z.object({ PoolID: z.string().min(1) });
export type ReleasePoolRequest = z.infer<typeof releasePoolSchema>;

export const requestAddressSchema = z.object({
  PoolID: z.string().min(1),
  Address: z.string().nullish(),
  Options: options,
});
export type RequestAddressRequest = z.infer<typeof requestAddressSchema>;

export const releaseAddressSchema = z.object({ PoolID: z.string().min(1), Address: z.string().min(1) });
export type ReleaseAddressRequest = z.infer<typeof releaseAddressSchema>;

export function parseMac(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  const parsed = macAddress.safeParse(text);
  return parsed.success ? parsed.data : undefined;
}

export interface ActivateResponse {
  Implements: string[];
}
export interface CapabilitiesResponse {
  RequiresMACAddress: boolean;
  RequiresRequestReplay: boolean;
}
export interface AddressSpacesResponse {
  LocalDefaultAddressSpace: string;
  GlobalDefaultAddressSpace: string;
}
export interface RequestPoolResponse {
  PoolID: string;
  Pool: string;
  Data: Record<string, string>;
}
export interface RequestAddressResponse {
  Address: string;
  Data: Record<string, string>;
}
export type EmptyResponse = Record<string, never>;
