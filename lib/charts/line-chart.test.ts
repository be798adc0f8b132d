import { describe, expect, it } from 'vitest';
import { linePath, niceBytesCeiling, niceCeiling, yAxis } from './line-chart';

const box = { width: 100, height: 50, capacity: 5 };

describe('linePath', () => {
  it('puts the newest value at the right edge, one step per sample, scaled to the maximum', () => {
    expect(linePath([0, 50, 100], 100, box)).toBe('M50,50 L75,25 L100,0');
  });

  it('keeps only the last `capacity` values and clamps values outside 0..max', () => {
    expect(linePath([9, 9, -5, 0, 10, 20, 400], 200, box)).toBe('M0,50 L25,50 L50,47.5 L75,45 L100,0');
  });

  it('draws a level segment for a single value, nothing for none', () => {
    expect(linePath([25], 100, box)).toBe('M75,37.5 L100,37.5');
    expect(linePath([], 100, box)).toBe('');
  });

  it('treats NaN as 0 rather than writing NaN into the path', () => {
    expect(linePath([Number.NaN, 100], 100, box)).toBe('M75,50 L100,0');
  });
});

describe('axis maximum', () => {
  it('rounds up to 1, 2 or 5 × 10ⁿ', () => {
    expect([0, 0.3, 1, 1.01, 3, 7, 42, 100, 101, 180, 450, 999].map(niceCeiling)).toEqual([1, 0.5, 1, 2, 5, 10, 50, 100, 200, 200, 500, 1000]);
  });

  it('rounds bytes within their binary unit', () => {
    expect(niceBytesCeiling(0)).toBe(1024);
    expect(niceBytesCeiling(300)).toBe(500);
    expect(niceBytesCeiling(1.5 * 1024 * 1024)).toBe(2 * 1024 * 1024);
    expect(niceBytesCeiling(700 * 1024)).toBe(1024 * 1024);
  });

  it('labels the top, middle and bottom, with a floor for the maximum', () => {
    const percent = (value: number) => `${value} %`;
    expect(yAxis([[12, 40], [3]], { height: 50, format: percent, floor: 100 })).toEqual({
      max: 100,
      ticks: [
        { value: 100, y: 0, label: '100 %' },
        { value: 50, y: 25, label: '50 %' },
        { value: 0, y: 50, label: '0 %' },
      ],
    });
    expect(yAxis([[130, 90]], { height: 50, format: percent, floor: 100 }).max).toBe(200);
    expect(yAxis([[3_000_000]], { height: 50, format: String, bytes: true }).max).toBe(5 * 1024 * 1024);
  });
});
