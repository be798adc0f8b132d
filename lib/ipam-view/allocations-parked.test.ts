import { describe, expect, it } from 'vitest';
import { allocationView } from './allocations';

describe('a parked allocation in the console', () => {
  it('is parked, not leaked, even past the leak grace period', () => {
    const context = { live: new Set(['h1']), engineHost: 'h1', names: new Map<string, string>(), now: Date.parse('2026-01-01T01:00:00Z') };
    const record = { kind: 'container' as const, host: 'h1', mac: '06:00:00:00:00:01', at: '2026-01-01T00:00:00Z', nonce: 'n' };
    expect(allocationView('p', '10.0.0.10', { ...record, parked: true }, context).status).toBe('parked');
    expect(allocationView('p', '10.0.0.10', record, context).status).toBe('leaked');
  });
});
