import { describe, expect, it } from 'vitest';
import { compactCores, cpusetProblem } from './cpuset';

describe('cpusetProblem', () => {
  it('names the valid range and the missing cores as ranges, not one number each', () => {
    const message = cpusetProblem('2-92', 2, 'h1');
    expect(message).toBe('h1 has 2 cores (0-1): core 2-92 do not exist; use cores in 0-1');
    expect(cpusetProblem('0,3', 1, 'h1')).toBe('h1 has 1 core (0): core 3 does not exist; use cores in 0');
  });

  it('accepts cores the host has', () => {
    expect(cpusetProblem('0-1', 2, 'h1')).toBeNull();
  });
});

describe('compactCores', () => {
  it('joins runs', () => {
    expect(compactCores([2, 3, 4, 7, 9, 10])).toBe('2-4,7,9-10');
    expect(compactCores([])).toBe('');
  });
});
