import { describe, expect, it } from 'vitest';
import { prefixEnd, prefixRange } from './key-range';

describe('prefix ranges', () => {
  it('ends a prefix at its last byte plus one', () => {
    expect(prefixEnd(Buffer.from('/ipam/')).toString()).toBe('/ipam0');
    expect(prefixRange('a/b').rangeEnd.toString()).toBe('a/c');
  });

  it('carries over trailing 0xff bytes, and a prefix of only 0xff reaches the end of the keyspace', () => {
    expect([...prefixEnd(Buffer.from([0x61, 0xff, 0xff]))]).toEqual([0x62]);
    expect([...prefixEnd(Buffer.from([0xff]))]).toEqual([0]);
  });

  it('reads the whole keyspace for an empty prefix', () => {
    expect(prefixRange('')).toEqual({ key: Buffer.from([0]), rangeEnd: Buffer.from([0]) });
  });

  it('leaves the prefix itself untouched', () => {
    const prefix = Buffer.from('k/');
    prefixEnd(prefix);
    expect(prefix.toString()).toBe('k/');
  });
});
