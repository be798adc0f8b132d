/** The drawing area of a line chart, in SVG user units, and how many samples span its width. */
export interface ChartBox {
  width: number;
  height: number;
  /** The number of samples the full width holds (the oldest at the left edge). */
  capacity: number;
}

export interface AxisTick {
  value: number;
  /** Its height in the box (0 at the top). */
  y: number;
  label: string;
}

export interface YAxis {
  max: number;
  /** The maximum, its half and zero, top to bottom. */
  ticks: AxisTick[];
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value` (a round top for an axis). */
export function niceCeiling(value: number): number {
  if (!Number.isFinite(value) || value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((candidate) => candidate * power >= value * (1 - 1e-12)) ?? 10;
  return step * power;
}

/** The same in bytes: 1, 2 or 5 × 10ⁿ of the binary unit the value is in (KiB, MiB…), so labels stay round. */
export function niceBytesCeiling(value: number): number {
  if (!Number.isFinite(value) || value <= 0) return 1024;
  let unit = 1;
  while (value / unit >= 1024 && unit < 1024 ** 4) unit *= 1024;
  const nice = niceCeiling(value / unit);
  return nice >= 1000 ? 1024 * unit : nice * unit; // 1000 KiB reads better as 1 MiB
}

/**
 * The y axis for one or more series: the round ceiling above their largest value, never below
 * `floor` (100 % for a core, say), with labels at the top, middle and bottom.
 */
export function yAxis(series: readonly (readonly number[])[], options: { height: number; format: (value: number) => string; floor?: number; bytes?: boolean }): YAxis {
  const largest = Math.max(options.floor ?? 0, ...series.flat().filter((value) => Number.isFinite(value)));
  const max = options.bytes ? niceBytesCeiling(largest) : niceCeiling(largest);
  const ticks = [max, max / 2, 0].map((value) => ({ value, y: round(options.height - (value / max) * options.height), label: options.format(value) }));
  return { max, ticks };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * An SVG path through the last `box.capacity` values, the newest at the right edge, scaled so
 * that `max` is the top; values outside 0..max are drawn at the edge. One value draws a short
 * level segment (a path of one point would draw nothing); none draws nothing ('').
 */
export function linePath(values: readonly number[], max: number, box: ChartBox): string {
  const shown = values.slice(-box.capacity);
  if (shown.length === 0 || max <= 0) return '';
  const step = box.width / Math.max(1, box.capacity - 1);
  const y = (value: number) => round(box.height - (Math.min(Math.max(Number.isFinite(value) ? value : 0, 0), max) / max) * box.height);
  const x = (index: number) => round(box.width - (shown.length - 1 - index) * step);
  if (shown.length === 1) return `M${round(box.width - step)},${y(shown[0] ?? 0)} L${box.width},${y(shown[0] ?? 0)}`;
  return shown.map((value, index) => `${index === 0 ? 'M' : 'L'}${x(index)},${y(value)}`).join(' ');
}
