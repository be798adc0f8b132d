import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { hostIdOf } from './defaults';

describe('hostIdOf', () => {
  it('takes --host-id first, then IPAM_HOST_ID (the managed plugin\'s setting), then the hostname', () => {
    expect(hostIdOf('h9', { IPAM_HOST_ID: 'h2' })).toBe('h9');
    expect(hostIdOf(undefined, { IPAM_HOST_ID: 'h2' })).toBe('h2');
    // The plugin's settings are empty strings until set: empty means unset.
    expect(hostIdOf(undefined, { IPAM_HOST_ID: ' ' })).toBe(hostname());
    expect(hostIdOf(undefined, {})).toBe(hostname());
  });
});
