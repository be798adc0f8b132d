import { describe, expect, it } from 'vitest';
import { stickyOfOptions } from './sticky';
import { newStickyMac } from './sticky-mac';

describe('sticky addresses', () => {
  it('is on unless the network says sticky=false', () => {
    expect(stickyOfOptions(undefined)).toBe(true);
    expect(stickyOfOptions({})).toBe(true);
    expect(stickyOfOptions({ sticky: 'true' })).toBe(true);
    for (const off of ['false', 'FALSE', '0', 'no', 'off']) expect(stickyOfOptions({ sticky: off })).toBe(false);
  });

  it('makes locally administered unicast MACs, different each time and never Docker 02:42', () => {
    const macs = Array.from({ length: 50 }, () => newStickyMac());
    for (const mac of macs) {
      expect(mac).toMatch(/^06(:[0-9a-f]{2}){5}$/);
      const first = parseInt(mac.slice(0, 2), 16);
      expect(first & 0b10).toBe(0b10);
      expect(first & 0b1).toBe(0);
    }
    expect(new Set(macs).size).toBe(50);
  });
});
