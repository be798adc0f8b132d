// Inclusive address ranges inside one subnet, and the checks that keep pools disjoint.
import { InvalidRangeError, OverlappingRangeError } from './errors';
import { type Cidr, formatCidr, formatIpv4, isNetworkOrBroadcast, parseAddressWithPrefix, sameCidr } from './ipv4';

export interface AddressRange {
  readonly start: number;
  readonly end: number;
}

export interface SubnetRange {
  readonly subnet: Cidr;
  readonly range: AddressRange;
}

export function formatRange(range: AddressRange): string {
  return `${formatIpv4(range.start)}-${formatIpv4(range.end)}`;
}

export function rangeSize(range: AddressRange): number {
  return range.end - range.start + 1;
}

export function rangesOverlap(a: AddressRange, b: AddressRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export function rangeContains(range: AddressRange, address: number): boolean {
  return address >= range.start && address <= range.end;
}

/** Reads `--ip-start A/len --ip-end B/len` as the seed's commands write them. */
export function parseRangeFlags(ipStart: string, ipEnd: string): SubnetRange {
  const start = parseAddressWithPrefix(ipStart, '--ip-start');
  const end = parseAddressWithPrefix(ipEnd, '--ip-end');
  if (!sameCidr(start.cidr, end.cidr)) {
    throw new InvalidRangeError(
      `--ip-start ${ipStart} and --ip-end ${ipEnd} are in different subnets (${formatCidr(start.cidr)} and ` +
        `${formatCidr(end.cidr)}): give both ends with the same subnet and prefix length`,
    );
  }
  if (start.address > end.address) {
    throw new InvalidRangeError(
      `the range is reversed: --ip-start ${formatIpv4(start.address)} comes after --ip-end ${formatIpv4(end.address)}; swap them`,
    );
  }
  for (const [flag, address] of [['--ip-start', start.address], ['--ip-end', end.address]] as const) {
    if (isNetworkOrBroadcast(start.cidr, address)) {
      throw new InvalidRangeError(
        `${flag} ${formatIpv4(address)} is the network or broadcast address of ${formatCidr(start.cidr)}: ` +
          'start after the network address and end before the broadcast address',
      );
    }
  }
  return { subnet: start.cidr, range: { start: start.address, end: end.address } };
}

export interface NamedRange {
  readonly owner: string;
  readonly range: AddressRange;
}

/** Refuses `candidate` if it overlaps any existing range, naming the one it collides with. */
export function assertNoOverlap(candidate: AddressRange, existing: readonly NamedRange[]): void {
  for (const other of existing) {
    if (rangesOverlap(candidate, other.range)) {
      throw new OverlappingRangeError(
        `range ${formatRange(candidate)} overlaps the ${other.owner} range ${formatRange(other.range)}: ` +
          'choose addresses outside it (see `shipyard-ipam ls`)',
      );
    }
  }
}
