'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { allocationKey, applyIpamEvent, compareAddresses, filterAllocations, mergeStatuses, type AllocationFilter } from '@/lib/ipam-view/apply-event';
import type { AllocationStatus, IpamAllocationView, IpamPoolView, IpamRevisionEvent } from '@/lib/ipam-view/types';
import { IpamAdmin } from './ipam-admin';

const STATUSES: readonly (AllocationStatus | 'all')[] = ['all', 'in-use', 'leaked', 'host-gone', 'unknown', 'reserved'];

/** The pools and every allocation, kept current by the server-sent feed (no reload). */
export function IpamLive(props: { initialPools: IpamPoolView[]; initialAllocations: IpamAllocationView[]; revision: string; isAdmin: boolean }) {
  const [pools, setPools] = useState(props.initialPools);
  const [allocations, setAllocations] = useState(() => new Map(props.initialAllocations.map((a) => [allocationKey(a), a])));
  const [feed, setFeed] = useState<'connecting' | 'live' | 'reconnecting' | 'stopped'>('connecting');
  const [revision, setRevision] = useState(props.revision);
  const [filter, setFilter] = useState<AllocationFilter>({ text: '', status: 'all' });
  const refresh = useRef<{ pools?: ReturnType<typeof setTimeout>; names?: ReturnType<typeof setTimeout> }>({});

  useEffect(() => {
    const timers = refresh.current;
    const source = new EventSource(`/api/v1/ipam/events?since=${encodeURIComponent(props.revision)}`);
    const reloadPools = () => {
      clearTimeout(timers.pools);
      timers.pools = setTimeout(async () => {
        const response = await fetch('/api/v1/ipam/pools');
        if (response.ok) setPools(((await response.json()) as { pools: IpamPoolView[] }).pools);
      }, 200);
    };
    // A new container is listed as running a moment after it gets its address: ask for names again.
    const reloadNames = () => {
      clearTimeout(timers.names);
      timers.names = setTimeout(async () => {
        const response = await fetch('/api/v1/ipam/allocations');
        if (!response.ok) return;
        const fresh = ((await response.json()) as { allocations: IpamAllocationView[] }).allocations;
        setAllocations((current) => mergeStatuses(current, fresh));
      }, 2_000);
    };
    source.addEventListener('ready', () => setFeed('live'));
    source.addEventListener('ipam', (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as IpamRevisionEvent;
      setAllocations((current) => applyIpamEvent(current, event));
      setRevision(event.revision);
      reloadPools();
      if (event.changes.some((change) => change.type === 'allocated' && change.allocation.status === 'unknown')) reloadNames();
    });
    source.addEventListener('reset', () => {
      setFeed('stopped');
      source.close();
    });
    source.onerror = () => setFeed(source.readyState === EventSource.CLOSED ? 'stopped' : 'reconnecting');
    return () => {
      source.close();
      clearTimeout(timers.pools);
      clearTimeout(timers.names);
    };
  }, [props.revision]);

  const rows = useMemo(() => filterAllocations(allocations.values(), filter).sort(compareAddresses), [allocations, filter]);

  return (
    <>
      <p className="muted">
        Live feed: <span data-testid="ipam-feed" className={feed === 'live' ? 'up' : 'down'}>{feed}</span> · etcd revision{' '}
        <span data-testid="ipam-revision">{revision}</span>
      </p>
      {feed === 'stopped' && (
        <div className="error-box" role="alert">
          The live feed stopped. <a href="/ipam">Reload the page</a> to read the pools again.
        </div>
      )}
      <div className="grid" data-testid="ipam-pools">
        {pools.length === 0 && <p>No pools yet: add a container range (shipyard-ipam ip-range, or below as an admin).</p>}
        {pools.map((pool) => (
          <div className="card" key={pool.poolId} data-testid={`pool-${pool.poolId}`}>
            <h2>{pool.subnet}</h2>
            <div className="figure" data-testid="pool-used">
              {pool.used} / {pool.size} used
            </div>
            <div className="bar" aria-label={`${pool.used} of ${pool.size} used`}>
              <span style={{ width: `${pool.size === 0 ? 0 : Math.round((pool.used / pool.size) * 100)}%` }} />
            </div>
            <div className="sub">
              {pool.free} free · containers {pool.containerRanges.map((r) => `${r.start}–${r.end}`).join(', ') || 'none'}
              <br />
              hosts {pool.hostRanges.map((r) => `${r.start}–${r.end}`).join(', ') || 'none'}
              {pool.router ? ` · router ${pool.router}` : ''}
              {pool.hostAddresses.length > 0 && (
                <>
                  <br />
                  {pool.hostAddresses.map((h) => `${h.address} ${h.host}${h.live ? '' : ' (no live plugin)'}`).join(', ')}
                </>
              )}
            </div>
          </div>
        ))}
      </div>
      <div className="toolbar">
        <input aria-label="Filter allocations" placeholder="Filter: address, host, container, MAC" value={filter.text} onChange={(e) => setFilter({ ...filter, text: e.target.value })} />
        <select aria-label="Status" value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value as AllocationFilter['status'] })}>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
        <span className="muted">{rows.length} shown</span>
      </div>
      <table className="list" data-testid="allocations">
        <thead>
          <tr>
            <th>Address</th>
            <th>Pool</th>
            <th>Kind</th>
            <th>Host</th>
            <th>Container</th>
            <th>MAC</th>
            <th>Since</th>
            <th>Status</th>
            {props.isAdmin && <th />}
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={allocationKey(a)} data-testid={`allocation-${a.address}`} className={a.status === 'leaked' || a.status === 'host-gone' ? 'leaked' : undefined}>
              <td>{a.address}</td>
              <td>{a.poolId}</td>
              <td>{a.kind}</td>
              <td>{a.holders.join(', ')}</td>
              <td>{a.container ?? '—'}</td>
              <td>{a.mac ?? '—'}</td>
              <td>{a.since}</td>
              <td>{a.status}</td>
              {props.isAdmin && (
                <td>
                  {a.status !== 'in-use' && <ReleaseButton address={a.address} />}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {props.isAdmin && <IpamAdmin />}
    </>
  );
}

function ReleaseButton({ address }: { address: string }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="small"
        onClick={async () => {
          if (!window.confirm(`Free ${address}? Only do this when no container uses it.`)) return;
          const response = await fetch('/api/v1/ipam/release', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ address }) });
          setError(response.ok ? null : (((await response.json()) as { error: { message: string } }).error.message));
        }}
      >
        Release
      </button>
      {error && <span className="field-error">{error}</span>}
    </>
  );
}
