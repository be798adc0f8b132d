// IPv4 addresses as unsigned 32-bit numbers: all range math happens on numbers, strings only at
// the edges. Parsing is strict (no leading zeros, no shorthand) so a typo never becomes an address.
import { InvalidCidrError } from './errors';

export interface Cidr {
  /** Network address (host bits cleared). */
  readonly network: number;
  readonly prefixLength: number;
}

const OCTET = /^(0|[1-9][0-9]{0,2})$/;

export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function requireIpv4(text: string, what: string): number {
  const value = parseIpv4(text);
  if (value === undefined) {
    throw new InvalidCidrError(`${what} "${text}" is not an IPv4 address: write it as A.B.C.D, e.g. 10.199.0.10`);
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

export function maskOf(prefixLength: number): number {
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
}

export function networkOf(address: number, prefixLength: number): number {
  return (address & maskOf(prefixLength)) >>> 0;
}

export function broadcastOf(cidr: Cidr): number {
  return (cidr.network | ~maskOf(cidr.prefixLength)) >>> 0;
}

/** Parses "A.B.C.D/len"; the address may have host bits set (they are kept in `address`). */
export function parseAddressWithPrefix(text: string, what: string): { address: number; cidr: Cidr } {
  const match = /^([^/]+)\/(\d{1,2})$/.exec(text.trim());
  if (!match) {
    throw new InvalidCidrError(`${what} "${text}" must be an IPv4 address with a prefix length, e.g. 10.199.0.10/24`);
  }
  const address = requireIpv4(match[1] ?? '', what);
  const prefixLength = Number(match[2]);
  if (prefixLength < 8 || prefixLength > 30) {
    throw new InvalidCidrError(`${what} "${text}" has prefix length /${prefixLength}: use a length from /8 to /30`);
  }
  return { address, cidr: { network: networkOf(address, prefixLength), prefixLength } };
}

/** Parses a subnet "A.B.C.D/len" whose host bits must be zero, as Docker's --subnet requires. */
export function parseCidr(text: string, what = 'subnet'): Cidr {
  const { address, cidr } = parseAddressWithPrefix(text, what);
  if (address !== cidr.network) {
    throw new InvalidCidrError(
      `${what} "${text}" has host bits set: did you mean ${formatCidr(cidr)}?`,
    );
  }
  return cidr;
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.network)}/${cidr.prefixLength}`;
}

export function sameCidr(a: Cidr, b: Cidr): boolean {
  return a.network === b.network && a.prefixLength === b.prefixLength;
}

export function cidrContains(cidr: Cidr, address: number): boolean {
  return networkOf(address, cidr.prefixLength) === cidr.network;
}

/** True for the network and broadcast addresses, which no host or container may use. */
export function isNetworkOrBroadcast(cidr: Cidr, address: number): boolean {
  return address === cidr.network || address === broadcastOf(cidr);
}
