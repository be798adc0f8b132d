// Block geometry for per-host affinity (Calico-style): a pool's subnet is cut into aligned blocks,
// each host claims blocks and allocates inside its own ones first, so hosts rarely race for the
// same address. The size depends only on the subnet, so every host and version cuts the same way.
import { type Cidr, formatIpv4, networkOf, requireIpv4 } from './ipv4';
import type { AddressRange } from './ranges';

/** /26 (64 addresses) like Calico; smaller for small subnets so a /24 still has 16 blocks; at least /29. */
export function blockPrefixOf(subnet: Cidr): number {
  return Math.max(subnet.prefixLength, Math.min(29, Math.max(26, subnet.prefixLength + 4)));
}

export function blockSizeOf(prefix: number): number {
  return 2 ** (32 - prefix);
}

/** First address of the block holding `address`. */
export function blockOf(address: number, prefix: number): number {
  return networkOf(address, prefix);
}

/** First addresses of every block that overlaps a container range, ascending. */
export function blocksOfRanges(ranges: readonly AddressRange[], prefix: number): number[] {
  const size = blockSizeOf(prefix);
  const blocks = new Set<number>();
  for (const range of ranges) {
    for (let block = blockOf(range.start, prefix); block <= range.end; block += size) blocks.add(block);
  }
  return [...blocks].sort((a, b) => a - b);
}

/** The key name of a block under subnets/<pool>/blocks/: "10.198.0.64-26". */
export function blockName(block: number, prefix: number): string {
  return `${formatIpv4(block)}-${prefix}`;
}

/** The block of a key name, or undefined if it was cut with another prefix (or is not a block). */
export function parseBlockName(name: string, prefix: number): number | undefined {
  const match = /^(\d+\.\d+\.\d+\.\d+)-(\d+)$/.exec(name);
  if (!match || Number(match[2]) !== prefix) return undefined;
  return requireIpv4(match[1] ?? '', 'stored block');
}
