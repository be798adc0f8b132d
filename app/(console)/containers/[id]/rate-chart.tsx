import { formatBytes } from '@/lib/format/format-bytes';
import { LineChart } from './line-chart';

// Rates are fractions of bytes: whole bytes read better (formatBytes prints bytes as given).
const perSecond = (value: number) => `${formatBytes(Math.round(value))}/s`;

interface Rate {
  name: string;
  /** Written before the latest figure, e.g. ↓ or read. */
  label: string;
  figureTestId: string;
  values: readonly number[];
}

/** Bytes per second in and out (network, block I/O): a line each, and the latest figure of each. */
export function RateChart({ title, testId, capacity, rates }: { title: string; testId: string; capacity: number; rates: readonly Rate[] }) {
  return (
    <LineChart title={title} testId={testId} capacity={capacity} bytes format={perSecond} series={rates.map(({ name, values }) => ({ name, values }))}>
      {rates.map((rate) => (
        <span key={rate.name} className="figure-small" data-testid={rate.figureTestId}>
          {rate.label} {perSecond(rate.values[rate.values.length - 1] ?? 0)}
        </span>
      ))}
    </LineChart>
  );
}
