'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '@/app/components/api/api-client';
import { ErrorBox } from '@/app/components/error-box';
import { allocationKey, applyIpamEvent, filterAllocations, mergeStatuses, sortByAddress, type AllocationFilter } from '@/lib/ipam-view/apply-event';
import type { AllocationStatus, IpamAllocationView, IpamPoolView, IpamRevisionEvent } from '@/lib/ipam-view/types';
import { AllocationTable } from './allocation-table';
import { IpamAdmin } from './ipam-admin';

const STATUSES: readonly (AllocationStatus | 'all')[] = ['all', 'in-use', 'parked', 'leaked', 'host-gone', 'unknown', 'reserved'];

/** The pools and every allocation, kept current by the server-sent feed (no reload). */
export function IpamLive(props: { initialPools: IpamPoolView[]; initialAllocations: IpamAllocationView[]; revision: string; isAdmin: boolean }) {
  const [pools, setPools] = useState(props.initialPools);
  const [allocations, setAllocations] = useState(() => new Map(props.initialAllocations.map((a) => [allocationKey(a), a])));
  const [feed, setFeed] = useState<'connecting' | 'live' | 'reconnecting' | 'stopped'>('connecting');
  const [revision, setRevision] = useState(props.revision);
  const [filter, setFilter] = useState<AllocationFilter>({ text: '', status: 'all' });
  const [releaseError, setReleaseError] = useState<string | null>(null);
  const refresh = useRef<{ pools?: ReturnType<typeof setTimeout>; names?: ReturnType<typeof setTimeout> }>({});

  useEffect(() => {
    const timers = refresh.current;
    const source = new EventSource(`/api/v1/ipam/events?since=${encodeURIComponent(props.revision)}`);
    const reloadPools = () => {
      clearTimeout(timers.pools);
      // A failed read keeps what is shown: the next change reads the pools again.
      timers.pools = setTimeout(async () => {
        const answer = await api.get<{ pools: IpamPoolView[] }>('/api/v1/ipam/pools').catch(() => null);
        if (answer) setPools(answer.pools);
      }, 200);
    };
    // A new container is listed as running a moment after it gets its address: ask for names again.
    const reloadNames = () => {
      clearTimeout(timers.names);
      timers.names = setTimeout(async () => {
        const answer = await api.get<{ allocations: IpamAllocationView[] }>('/api/v1/ipam/allocations').catch(() => null);
        if (answer) setAllocations((current) => mergeStatuses(current, answer.allocations));
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

  const rows = useMemo(() => sortByAddress(filterAllocations(allocations.values(), filter)), [allocations, filter]);

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
            <div className="bar" role="img" aria-label={`${pool.used} of ${pool.size} used`}>
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
      <ErrorBox message={releaseError} testId="release-error" />
      <AllocationTable rows={rows} isAdmin={props.isAdmin} onReleaseError={setReleaseError} />
      {props.isAdmin && <IpamAdmin />}
    </>
  );
}
