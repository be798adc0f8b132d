// Docker's remote IPAM protocol (libnetwork docs/ipam.md): request schemas and reply shapes.
// Field names are Docker's; nothing here knows about etcd.
import * as z from 'zod/mini';

export const CONTENT_TYPE = 'application/vnd.docker.plugins.v1+json';
export const GATEWAY_REQUEST_TYPE = 'com.docker.network.gateway';
export const MAC_OPTION = 'com.docker.network.endpoint.macaddress';
export const REQUEST_ADDRESS_TYPE_OPTION = 'RequestAddressType';

const options = z.nullish(z.record(z.string(), z.string()));
const macPattern = /^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/;
const nullishString = z.nullish(z.string());
const nonEmpty = z.string().check(z.minLength(1));

export const requestPoolSchema = z.object({
  AddressSpace: nullishString,
  Pool: nullishString,
  SubPool: nullishString,
  Options: options,
  V6: z.nullish(z.boolean()),
});
export type RequestPoolRequest = z.infer<typeof requestPoolSchema>;

export const releasePoolSchema = z.object({ PoolID: nonEmpty });
export type ReleasePoolRequest = z.infer<typeof releasePoolSchema>;

export const requestAddressSchema = z.object({
  PoolID: nonEmpty,
  Address: nullishString,
  Options: options,
});
export type RequestAddressRequest = z.infer<typeof requestAddressSchema>;

export const releaseAddressSchema = z.object({ PoolID: nonEmpty, Address: nonEmpty });
export type ReleaseAddressRequest = z.infer<typeof releaseAddressSchema>;

export function parseMac(text: string | undefined): string | undefined {
  if (text === undefined || text === '' || !macPattern.test(text)) return undefined;
  return text.toLowerCase().replaceAll('-', ':');
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
