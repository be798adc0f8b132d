'use client';

import { useEffect, useState } from 'react';
import type { ContainerStats } from '@/lib/containers/container-stats';
import { formatBytes } from '@/lib/format/format-bytes';

const SAMPLES = 60;

/** A line chart of the last samples, scaled to its own maximum (or `ceiling`). */
function Sparkline({ values, ceiling, label }: { values: number[]; ceiling?: number; label: string }) {
  const max = Math.max(ceiling ?? 0, ...values, 1);
  const points = values.map((value, index) => `${(index / (SAMPLES - 1)) * 200},${40 - (value / max) * 38}`).join(' ');
  return (
    <svg className="sparkline" viewBox="0 0 200 40" role="img" aria-label={label}>
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

/** Live resource use: one sample every two seconds from the stats endpoint, for a running container. */
export function StatsPanel({ id, host }: { id: string; host: string }) {
  const [samples, setSamples] = useState<ContainerStats[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const response = await fetch(`/api/v1/containers/${encodeURIComponent(id)}/stats?host=${encodeURIComponent(host)}`).catch(() => null);
      if (stopped) return;
      const payload = (await response?.json().catch(() => null)) as { stats?: ContainerStats; error?: { message: string } } | null;
      if (payload?.stats) {
        const sample = payload.stats;
        setSamples((previous) => [...previous, sample].slice(-SAMPLES));
        setError(null);
      } else setError(payload?.error?.message ?? 'No stats');
      timer = setTimeout(poll, 2000);
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [id, host]);

  const last = samples[samples.length - 1];
  return (
    <section className="card">
      <h2>Stats</h2>
      {error && <p className="down">{error}</p>}
      {last && (
        <div className="grid" data-testid="stats">
          <div>
            <div className="muted">CPU</div>
            <div className="figure" data-testid="stats-cpu">{last.cpuPercent.toFixed(1)} %</div>
            <Sparkline values={samples.map((sample) => sample.cpuPercent)} ceiling={100} label="CPU percent" />
            {last.perCorePercent && <div className="muted">per core: {last.perCorePercent.map((value) => `${value.toFixed(0)} %`).join(' · ')}</div>}
          </div>
          <div>
            <div className="muted">Memory</div>
            <div className="figure" data-testid="stats-memory">
              {formatBytes(last.memoryBytes)} / {formatBytes(last.memoryLimitBytes)}
            </div>
            <Sparkline values={samples.map((sample) => sample.memoryBytes)} label="Memory" />
          </div>
          <div>
            <div className="muted">Network</div>
            <div className="figure">↓ {formatBytes(last.networkRxBytes)} ↑ {formatBytes(last.networkTxBytes)}</div>
          </div>
          <div>
            <div className="muted">Block I/O</div>
            <div className="figure">read {formatBytes(last.blockReadBytes)} · write {formatBytes(last.blockWriteBytes)}</div>
          </div>
        </div>
      )}
    </section>
  );
}
