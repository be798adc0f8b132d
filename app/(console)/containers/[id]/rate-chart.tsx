import type { StatsSample } from '@/lib/containers/stats-rates';
import { formatBytes } from '@/lib/format/format-bytes';
import { LineChart } from './line-chart';

// Rates are fractions of bytes: whole bytes read better (formatBytes prints bytes as given).
const perSecond = (value: number) => `${formatBytes(Math.round(value))}/s`;

type RateField = 'networkRxPerSecond' | 'networkTxPerSecond' | 'blockReadPerSecond' | 'blockWritePerSecond';

export interface Rate {
  name: string;
  field: RateField;
  /** Written before the latest figure, e.g. ↓ or read. */
  label: string;
  figureTestId: string;
}

/** Bytes per second in and out (network, block I/O): a line each, and the latest figure of each. */
export function RateChart(props: { title: string; testId: string; capacity: number; samples: readonly StatsSample[]; rates: readonly Rate[] }) {
  const last = props.samples[props.samples.length - 1];
  return (
    <LineChart
      title={props.title}
      testId={props.testId}
      capacity={props.capacity}
      bytes
      format={perSecond}
      series={props.rates.map((rate) => ({ name: rate.name, values: props.samples.map((sample) => sample[rate.field]) }))}
    >
      {props.rates.map((rate) => (
        <span key={rate.name} className="figure-small" data-testid={rate.figureTestId}>
          {rate.label} {perSecond(last?.[rate.field] ?? 0)}
        </span>
      ))}
    </LineChart>
  );
}
