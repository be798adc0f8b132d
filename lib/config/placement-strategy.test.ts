import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { parsePlacementStrategy } from './placement-strategy';

describe('SHIPYARD_PLACEMENT_STRATEGY', () => {
  it('is spread unless set to binpack', () => {
    expect(parsePlacementStrategy(undefined)).toBe('spread');
    expect(parsePlacementStrategy(' ')).toBe('spread');
    expect(parsePlacementStrategy('BinPack')).toBe('binpack');
    expect(parsePlacementStrategy('random')).toEqual({ problem: '"random" is not a strategy: use spread or binpack' });
  });

  it('stops the start with a message naming the variable', () => {
    const result = loadConfig({ AUTH_SECRET: 'x'.repeat(40), SHIPYARD_PLACEMENT_STRATEGY: 'random' });
    expect(result).toEqual({ ok: false, errors: ['SHIPYARD_PLACEMENT_STRATEGY: "random" is not a strategy: use spread or binpack'] });
    const ok = loadConfig({ AUTH_SECRET: 'x'.repeat(40), SHIPYARD_PLACEMENT_STRATEGY: 'binpack' });
    expect(ok.ok && ok.config.placementStrategy).toBe('binpack');
  });
});
