import { describe, expect, it } from 'vitest';
import { blockName, blockPrefixOf, blocksOfRanges, parseBlockName } from './blocks';
import { parseIpv4 } from './ipv4';
import { type PoolState, pickBorrowed, pickOwn, unclaimedBlocks } from './pool-state';

const ip = (text: string) => parseIpv4(text) ?? -1;

describe('block geometry', () => {
  it('cuts /26 blocks from large subnets, smaller ones from small subnets', () => {
    expect(blockPrefixOf({ network: ip('10.0.0.0'), prefixLength: 16 })).toBe(26);
    expect(blockPrefixOf({ network: ip('10.0.0.0'), prefixLength: 20 })).toBe(26);
    expect(blockPrefixOf({ network: ip('10.0.0.0'), prefixLength: 24 })).toBe(28);
    expect(blockPrefixOf({ network: ip('10.0.0.0'), prefixLength: 27 })).toBe(29);
    expect(blockPrefixOf({ network: ip('10.0.0.0'), prefixLength: 30 })).toBe(30);
  });

  it('lists the blocks that overlap the container ranges, and names them', () => {
    const blocks = blocksOfRanges([{ start: ip('10.0.0.10'), end: ip('10.0.0.40') }], 28);
    expect(blocks.map((block) => blockName(block, 28))).toEqual(['10.0.0.0-28', '10.0.0.16-28', '10.0.0.32-28']);
    expect(parseBlockName('10.0.0.16-28', 28)).toBe(ip('10.0.0.16'));
    expect(parseBlockName('10.0.0.16-26', 28)).toBeUndefined();
  });
});

describe('candidate choice', () => {
  const state = (): PoolState => ({
    config: {
      poolId: 'p',
      subnet: { network: ip('10.0.0.0'), prefixLength: 24 },
      containerRanges: [{ start: ip('10.0.0.10'), end: ip('10.0.0.20') }, { start: ip('10.0.0.40'), end: ip('10.0.0.41') }],
      hostRanges: [],
    },
    used: new Set(),
    inflight: new Set(),
    blockPrefix: 28,
    mine: [],
    claimed: new Set(),
    hint: 0,
  });

  it('takes the lowest free address of its own blocks, skipping used and in-flight ones', () => {
    const s = state();
    expect(pickOwn(s)).toBeUndefined();
    s.mine.push(ip('10.0.0.16'));
    expect(pickOwn(s)).toBe(ip('10.0.0.16'));
    s.used.add(ip('10.0.0.16'));
    s.inflight.add(ip('10.0.0.17'));
    expect(pickOwn(s)).toBe(ip('10.0.0.18'));
    for (const a of ['10.0.0.18', '10.0.0.19', '10.0.0.20']) s.used.add(ip(a));
    expect(pickOwn(s)).toBeUndefined();
  });

  it('offers only unclaimed blocks with a free address', () => {
    const s = state();
    s.claimed.add(ip('10.0.0.16'));
    for (const a of ['10.0.0.40', '10.0.0.41']) s.used.add(ip(a));
    expect(unclaimedBlocks(s)).toEqual([ip('10.0.0.0')]);
  });

  it('borrows from the top of the pool, from the cursor down, wrapping; undefined when full', () => {
    const s = state();
    expect(pickBorrowed(s)).toBe(ip('10.0.0.41'));
    s.cursor = ip('10.0.0.15');
    expect(pickBorrowed(s)).toBe(ip('10.0.0.15'));
    for (let a = ip('10.0.0.10'); a <= ip('10.0.0.15'); a++) s.used.add(a);
    expect(pickBorrowed(s)).toBe(ip('10.0.0.41'));
    for (let a = ip('10.0.0.16'); a <= ip('10.0.0.20'); a++) s.used.add(a);
    s.used.add(ip('10.0.0.40')).add(ip('10.0.0.41'));
    expect(pickBorrowed(s)).toBeUndefined();
  });
});
