import { describe, expect, it } from 'vitest';
import { allowanceText, cpuAllowance, percentOfAllowance } from './cpu-allowance';

describe('cpuAllowance', () => {
  it('is the cpuset cores of the host, or every core without one', () => {
    expect(cpuAllowance('0', null, 2)).toEqual({ cores: [0], capacityCores: 1 });
    expect(cpuAllowance(null, null, 2)).toEqual({ cores: [0, 1], capacityCores: 2 });
    expect(cpuAllowance('1-3', null, 2)).toEqual({ cores: [1], capacityCores: 1 });
  });

  it('takes a lower CPU limit as the capacity', () => {
    expect(cpuAllowance(null, 0.5, 2).capacityCores).toBe(0.5);
    expect(cpuAllowance('0', 4, 2).capacityCores).toBe(1);
  });
});

describe('percentOfAllowance', () => {
  it('is 100 when the allowance is fully used', () => {
    expect(percentOfAllowance(100, cpuAllowance('0', null, 2))).toBe(100);
    expect(percentOfAllowance(100, cpuAllowance(null, null, 2))).toBe(50);
    expect(percentOfAllowance(25, cpuAllowance(null, 0.5, 2))).toBe(50);
  });
});

describe('allowanceText', () => {
  it('says what 100 % stands for', () => {
    expect(allowanceText(cpuAllowance('0', null, 2), '0')).toBe('its 1 core (cpuset 0)');
    expect(allowanceText(cpuAllowance(null, 0.5, 2), null)).toBe('0.5 of its 2 cores');
  });
});
