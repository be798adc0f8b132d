'use client';

import { useEffect, useState } from 'react';
import { DataTable } from '@/app/components/data-table';
import type { FlannelFeedError } from '@/lib/flannel/flannel-feed';
import type { FlannelView } from '@/lib/flannel/types';

function duration(seconds: number | null): string {
  if (seconds === null) return 'no lease';
  if (seconds >= 3600) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  if (seconds >= 60) return `${Math.floor(seconds / 60)} min`;
  return `${seconds} s`;
}

/**
 * Flannel's subnet leases, read-only (Flannel owns them), kept current by the server-sent feed:
 * a host's new lease appears and an expired one goes without a reload. Shown only when there are any.
 */
export function FlannelLeases({ initial }: { initial: FlannelView | null }) {
  const [view, setView] = useState<{ flannel: FlannelView | null; readAt: number }>(() => ({ flannel: initial, readAt: Date.now() }));
  const [problem, setProblem] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    // Every `flannel` event is the whole view, so EventSource's own reconnect loses nothing.
    const source = new EventSource('/api/v1/ipam/flannel/events');
    source.addEventListener('flannel', (message: MessageEvent<string>) => {
      setView({ flannel: JSON.parse(message.data) as FlannelView, readAt: Date.now() });
      setProblem(null);
    });
    source.addEventListener('flannel-error', (message: MessageEvent<string>) => setProblem((JSON.parse(message.data) as FlannelFeedError).message));
    const ticker = setInterval(() => setNow(Date.now()), 1_000);
    return () => {
      source.close();
      clearInterval(ticker);
    };
  }, []);

  const { flannel, readAt } = view;
  if (!flannel || (flannel.leases.length === 0 && flannel.problems.length === 0)) return null;
  // Counted down here between reads: renewing a lease writes nothing to etcd, so no event says so.
  const left = (seconds: number | null) => (seconds === null ? null : Math.max(0, seconds - Math.floor(Math.max(0, now - readAt) / 1000)));
  return (
    <section data-testid="flannel" style={{ marginTop: '1.5rem' }}>
      <h2>Flannel subnet leases</h2>
      <p className="muted">
        Read-only, from etcd under <code>{flannel.prefix}</code>
        {flannel.config && (
          <>
            {' '}
            · network <span data-testid="flannel-network">{flannel.config.network}</span>, /{flannel.config.subnetLen} per host, backend {flannel.config.backendType}
          </>
        )}
      </p>
      {problem && (
        <div className="error-box" role="alert" data-testid="flannel-feed-problem">
          {problem}
        </div>
      )}
      {flannel.problems.length > 0 && (
        <div className="error-box" role="alert" data-testid="flannel-problems">
          Not read as Flannel&apos;s: {flannel.problems.join('; ')}
        </div>
      )}
      <DataTable testId="flannel-leases" columns={['Subnet', 'Host (PublicIP)', 'Backend', 'Backend data', 'Lease ends in']} rows={flannel.leases}>
        {(lease) => (
          <tr key={lease.subnet} data-testid={`flannel-lease-${lease.subnet}`}>
            <td>{lease.subnet}</td>
            <td>{lease.publicIp}</td>
            <td>{lease.backendType}</td>
            <td>{lease.backendData || '—'}</td>
            <td>{duration(left(lease.expiresInSeconds))}</td>
          </tr>
        )}
      </DataTable>
    </section>
  );
}
