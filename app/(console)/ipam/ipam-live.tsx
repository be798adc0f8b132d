'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '@/app/components/api/api-client';
import { ErrorBox } from '@/app/components/error-box';
import { UsageBar } from '@/app/components/usage-bar';
import { allocationKey, applyIpamEvent, filterAllocations, mergeStatuses, sortByAddress, type AllocationFilter } from '@/lib/ipam-view/apply-event';
import type { AllocationStatus, IpamAllocationView, IpamPoolView, IpamRevisionEvent } from '@/lib/ipam-view/types';
import { usageByHost } from '@/lib/ipam-view/address-grid';
import { AddressMap } from './address-map';
import styles from './address-map.module.css';
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

  const allocationList = useMemo(() => [...allocations.values()], [allocations]);
  const rows = useMemo(() => sortByAddress(filterAllocations(allocationList, filter)), [allocationList, filter]);

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
        {pools.length === 0 && <NoPools isAdmin={props.isAdmin} />}
        {pools.map((pool) => (
          <div className="card" key={pool.poolId} data-testid={`pool-${pool.poolId}`}>
            <h2>{pool.subnet}</h2>
            <div className="figure" data-testid="pool-used">
              {pool.used} / {pool.size} used
            </div>
            <UsageBar used={pool.used} size={pool.size} label={`Pool ${pool.subnet}`} testId="pool-bar" />
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
            <HostBars pool={pool} allocations={allocationList} />
          </div>
        ))}
      </div>
      {pools.length > 0 && (
        <section aria-labelledby="address-maps-heading">
          <h2 id="address-maps-heading">Address maps</h2>
          <div className={styles.maps}>
            {pools.map((pool) => (
              <AddressMap key={pool.poolId} pool={pool} allocations={allocationList} />
            ))}
          </div>
        </section>
      )}
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

/** No pool yet: an admin adds one below; anyone else is told whom to ask, and where they would do it. */
function NoPools({ isAdmin }: { isAdmin: boolean }) {
  return (
    <p data-testid="no-pools">
      {isAdmin
        ? 'No pools yet: add a container range below (or run shipyard-ipam ip-range on any host).'
        : 'No pools yet. Adding a container range needs the admin role: ask an admin to add one (on this page, or with shipyard-ipam ip-range on any host). The network form on the Networks page shows a subnet’s pool before you create a flat network.'}
    </p>
  );
}

/** Each host's share of the pool: how many of its container addresses that host's containers and tasks hold. */
function HostBars({ pool, allocations }: { pool: IpamPoolView; allocations: readonly IpamAllocationView[] }) {
  const hosts = usageByHost(pool, allocations);
  if (hosts.length === 0) return null;
  return (
    <ul className={styles.hostBars} aria-label={`Use of ${pool.subnet} per host`} data-testid="pool-host-bars">
      {hosts.map(({ host, used }) => (
        <li key={host} data-testid={`pool-host-${host}`}>
          <span>{host}</span>
          <UsageBar used={used} size={pool.size} label={`${host} in ${pool.subnet}`} />
          <span>{used}</span>
        </li>
      ))}
    </ul>
  );
}
