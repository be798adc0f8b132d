import type { ReactNode } from 'react';
import { linePath, yAxis } from '@/lib/charts/line-chart';

const WIDTH = 300;
const HEIGHT = 80;
/** Room at the left for the y labels. */
const LEFT = 52;

export interface ChartSeries {
  name: string;
  values: readonly number[];
}

/**
 * A line chart of the last `capacity` samples, one line per series (colours by position), the
 * y axis rounded above the largest value, and the current figures beside it.
 */
export function LineChart({
  title,
  testId,
  series,
  capacity,
  format,
  floor,
  bytes,
  children,
}: {
  title: string;
  testId: string;
  series: ChartSeries[];
  capacity: number;
  format: (value: number) => string;
  floor?: number;
  bytes?: boolean;
  children: ReactNode;
}) {
  const axis = yAxis(
    series.map((line) => line.values),
    { height: HEIGHT, format, floor, bytes },
  );
  const box = { width: WIDTH - LEFT, height: HEIGHT, capacity };
  return (
    <div className="chart">
      <div className="chart-head">
        <span className="muted">{title}</span>
        <span className="chart-figures">{children}</span>
      </div>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT + 8}`} role="img" aria-label={title} data-testid={`chart-${testId}`} data-max={axis.max}>
        <g transform="translate(0 4)">
          {axis.ticks.map((tick) => (
            <g key={tick.value} className="chart-tick">
              <line x1={LEFT} x2={WIDTH} y1={tick.y} y2={tick.y} />
              <text x={LEFT - 4} y={tick.y} dominantBaseline="middle" textAnchor="end">
                {tick.label}
              </text>
            </g>
          ))}
          <g transform={`translate(${LEFT} 0)`}>
            {series.map((line, index) => (
              <path key={line.name} className={`chart-line chart-line-${index % 8}`} d={linePath(line.values, axis.max, box)} data-series={line.name}>
                <title>{line.name}</title>
              </path>
            ))}
          </g>
        </g>
      </svg>
      {series.length > 1 && (
        <div className="chart-legend">
          {series.map((line, index) => (
            <span key={line.name} className={`chart-key chart-line-${index % 8}`}>
              {line.name}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
