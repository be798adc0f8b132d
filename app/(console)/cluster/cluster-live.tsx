'use client';

import { useEffect, useState } from 'react';
import type { ClusterFeedError } from '@/lib/placement/cluster-feed';
import type { ClusterHostView, ClusterView } from '@/lib/placement/cluster-view';

const MIB = 1024 * 1024;
const mib = (bytes: number) => `${Math.round(bytes / MIB).toLocaleString('en')} MiB`;

function HostCard({ host }: { host: ClusterHostView }) {
  if (host.state === 'down') {
    return (
      <section className="card" data-testid={`cluster-host-${host.host}`}>
        <h2>{host.host}</h2>
        <div className="figure down">down</div>
        <div className="sub">{host.reason}</div>
      </section>
    );
  }
  return (
    <section className="card" data-testid={`cluster-host-${host.host}`}>
      <h2>{host.host}</h2>
      <div className="sub">
        <span data-testid="cluster-running">{host.running}</span> running of {host.containers} · {host.freeCores} of {host.cores.length} cores free
      </div>
      <div className="sub" data-testid="cluster-memory">
        {mib(host.freeMemoryBytes)} free of {mib(host.memoryBytes)} ({mib(host.reservedMemoryBytes)} reserved)
      </div>
      <table className="cores" aria-label={`Cores of ${host.host}`}>
        <tbody>
          {host.cores.map((core) => (
            <tr key={core.core} data-testid={`core-${host.host}-${core.core}`} data-state={core.state}>
              <th scope="row">core {core.core}</th>
              <td className={`core-${core.state}`}>{core.state === 'free' ? 'free' : `${core.state === 'shared' ? 'shared: ' : ''}${core.holders.join(', ')}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {Object.keys(host.labels).length > 0 && (
        <div className="sub">
          labels: {Object.entries(host.labels).map(([key, value]) => `${key}=${value}`).join(', ')}
        </div>
      )}
    </section>
  );
}

/**
 * Every host's cores (free, held alone by one container, or shared by explicit cpusets), memory
 * and running count, kept current by the server-sent feed: each event is the whole view.
 */
export function ClusterLive({ initial }: { initial: ClusterView }) {
  const [view, setView] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [feed, setFeed] = useState<'connecting' | 'live' | 'reconnecting'>('connecting');

  useEffect(() => {
    const source = new EventSource('/api/v1/cluster/events');
    source.addEventListener('cluster', (message: MessageEvent<string>) => {
      setView(JSON.parse(message.data) as ClusterView);
      setProblem(null);
      setFeed('live');
    });
    source.addEventListener('cluster-error', (message: MessageEvent<string>) => setProblem((JSON.parse(message.data) as ClusterFeedError).message));
    source.onerror = () => setFeed('reconnecting');
    return () => source.close();
  }, []);

  return (
    <>
      <p className="muted">
        New containers without a host go where the <strong data-testid="cluster-strategy">{view.strategy}</strong> strategy puts them; <code>cores: N</code> gives a
        container whole cores of its own. <span data-testid="cluster-feed">{feed}</span> · read {new Date(view.readAt).toLocaleTimeString('en')}
      </p>
      {problem && (
        <div className="error-box" role="alert" data-testid="cluster-feed-problem">
          {problem}
        </div>
      )}
      <div className="grid">
        {view.hosts.map((host) => (
          <HostCard key={host.host} host={host} />
        ))}
      </div>
    </>
  );
}
