'use client';

import { useEffect, useState } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { apiPath } from '@/app/components/api/api-path';
import { allowanceText, cpuAllowance, percentOfAllowance } from '@/lib/containers/cpu-allowance';
import type { StatsSample } from '@/lib/containers/stats-rates';
import type { StatsStreamError } from '@/lib/containers/stats-stream';
import { formatBytes } from '@/lib/format/format-bytes';
import { LineChart } from './line-chart';
import { RateChart, type Rate } from './rate-chart';

const SAMPLES = 60;
const RECONNECT_MS = 5_000;

const NETWORK_RATES: Rate[] = [
  { name: 'received', field: 'networkRxPerSecond', label: '↓', figureTestId: 'stats-network-rx' },
  { name: 'sent', field: 'networkTxPerSecond', label: '↑', figureTestId: 'stats-network-tx' },
];
const BLOCK_RATES: Rate[] = [
  { name: 'read', field: 'blockReadPerSecond', label: 'read', figureTestId: 'stats-block-read' },
  { name: 'write', field: 'blockWritePerSecond', label: 'write', figureTestId: 'stats-block-write' },
];

const percent = (value: number) => `${value.toFixed(value >= 10 || value === 0 ? 0 : 1)} %`;

type Status = 'connecting' | 'live' | 'reconnecting' | 'ended';

/**
 * Live resource use from the stats stream (server-sent events, one sample a second): CPU total and
 * per core, memory, network and block I/O, the last 60 samples. A dropped stream is reopened;
 * one the server ended (the container stopped) says why and is opened again a little later.
 */
export function StatsPanel({ id, host, cpus, cpuset }: { id: string; host: string; cpus: number | null; cpuset: string | null }) {
  const [samples, setSamples] = useState<StatsSample[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>('connecting');

  useEffect(() => {
    const url = `${apiPath`/api/v1/containers/${id}/stats/stream`}?host=${encodeURIComponent(host)}`;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const later = () => {
      source?.close();
      if (!stopped) retry = setTimeout(open, RECONNECT_MS);
    };
    function open() {
      source = new EventSource(url);
      source.addEventListener('open', () => setStatus('live'));
      source.addEventListener('sample', (event) => {
        const sample = JSON.parse((event as MessageEvent<string>).data) as StatsSample;
        setSamples((previous) => [...previous, sample].slice(-SAMPLES));
        setError(null);
        setStatus('live');
      });
      source.addEventListener('stats-error', (event) => {
        const problem = JSON.parse((event as MessageEvent<string>).data) as StatsStreamError;
        setError(problem.message);
        setStatus('ended');
        later();
      });
      source.addEventListener('error', () => {
        if (stopped) return;
        // EventSource reopens a dropped stream itself; a refused one (404, 409) it gives up: say why.
        if (source?.readyState === EventSource.CONNECTING) return setStatus('reconnecting');
        setStatus('reconnecting');
        void api.open(url).then(
          (body) => body.cancel(),
          (caught: unknown) => {
            const failure = ApiError.from(caught);
            // No answer at all reads "The console cannot be reached"; an unreadable one names its status.
            if (!stopped) setError(failure.saidByApi || failure.code === 'NO_ANSWER' ? failure.message : `The stats stream failed (HTTP ${failure.status})`);
          },
        );
        later();
      });
    }
    open();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      source?.close();
    };
  }, [id, host]);

  const last = samples[samples.length - 1];
  // Percentages against what the container may use (its cpuset, its CPU limit), charts only for its cores.
  const allowance = cpuAllowance(cpuset, cpus, last?.onlineCpus ?? 1);
  const cores = last?.perCorePercent ? allowance.cores : null;
  return (
    <section className="card" data-testid="stats-panel">
      <h2>
        Stats <span className={`stats-status stats-${status}`} data-testid="stats-status">{status}</span>
      </h2>
      {error && (
        <p className="down" role="status" data-testid="stats-error">
          {error}
        </p>
      )}
      {last ? (
        <div className="charts" data-testid="stats">
          <LineChart title="CPU" testId="cpu" capacity={SAMPLES} floor={100} format={percent} series={[{ name: 'total', values: samples.map((sample) => percentOfAllowance(sample.cpuPercent, allowance)) }]}>
            <span className="figure" data-testid="stats-cpu">
              {percentOfAllowance(last.cpuPercent, allowance).toFixed(1)} %
            </span>
            <span className="muted" data-testid="stats-cpu-of"> of {allowanceText(allowance, cpuset)}</span>
          </LineChart>
          {cores && (
            <LineChart
              title="CPU per core"
              testId="cores"
              capacity={SAMPLES}
              floor={100}
              format={percent}
              series={cores.map((core) => ({ name: `core ${core}`, values: samples.map((sample) => sample.perCorePercent?.[core] ?? 0) }))}
            >
              {cores.map((core) => (
                <span key={core} className="figure-small" data-testid={`stats-core-${core}`}>
                  {core}: {(last.perCorePercent?.[core] ?? 0).toFixed(0)} %
                </span>
              ))}
            </LineChart>
          )}
          <LineChart title="Memory" testId="memory" capacity={SAMPLES} bytes format={formatBytes} series={[{ name: 'used', values: samples.map((sample) => sample.memoryBytes) }]}>
            <span className="figure" data-testid="stats-memory">
              {formatBytes(last.memoryBytes)} / {formatBytes(last.memoryLimitBytes)}
            </span>
          </LineChart>
          <RateChart title="Network" testId="network" capacity={SAMPLES} samples={samples} rates={NETWORK_RATES} />
          <RateChart title="Block I/O" testId="block" capacity={SAMPLES} samples={samples} rates={BLOCK_RATES} />
        </div>
      ) : (
        !error && <p className="muted">Waiting for the first samples…</p>
      )}
    </section>
  );
}
