'use client';

import { RelativeTime } from '@/app/components/relative-time';
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { TableHead } from '@/app/components/table-head';
import { allocationKey } from '@/lib/ipam-view/apply-event';
import type { IpamAllocationView } from '@/lib/ipam-view/types';

// Thousands of allocations: only the rows in view (and OVERSCAN either side) are in the page, with
// spacer rows for the rest, so a feed event or the first render costs the same at 50 rows or 5,000
// (bench/ipam-browser measures it). Rows are one line each, so one measured row height fits all.
const OVERSCAN = 20;
const DEFAULT_ROW_PX = 34;
const DEFAULT_VIEW_PX = 700;

interface View {
  top: number;
  height: number;
  row: number;
}

export const AllocationTable = memo(function AllocationTable(props: { rows: readonly IpamAllocationView[]; isAdmin: boolean; onReleaseError: (message: string | null) => void }) {
  const scroller = useRef<HTMLDivElement>(null);
  const frame = useRef<number | undefined>(undefined);
  const [view, setView] = useState<View>({ top: 0, height: DEFAULT_VIEW_PX, row: DEFAULT_ROW_PX });
  const measure = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    const first = element.querySelector<HTMLTableRowElement>('tbody tr[data-testid]');
    setView((current) => {
      const next = { top: element.scrollTop, height: element.clientHeight || DEFAULT_VIEW_PX, row: first?.offsetHeight || current.row };
      return next.top === current.top && next.height === current.height && next.row === current.row ? current : next;
    });
  }, []);
  useEffect(() => {
    measure();
    const observer = new ResizeObserver(measure);
    if (scroller.current) observer.observe(scroller.current);
    return () => {
      observer.disconnect();
      if (frame.current !== undefined) cancelAnimationFrame(frame.current);
    };
  }, [measure]);
  const empty = props.rows.length === 0;
  useEffect(measure, [empty, measure]);

  const columns = props.isAdmin ? 10 : 9;
  const start = Math.max(0, Math.floor(view.top / view.row) - OVERSCAN);
  const end = Math.min(props.rows.length, Math.ceil((view.top + view.height) / view.row) + OVERSCAN);
  const spacer = (rows: number) => (
    <tr aria-hidden="true">
      <td colSpan={columns} style={{ height: rows * view.row, padding: 0, border: 0 }} />
    </tr>
  );
  return (
    <div
      ref={scroller}
      className="virtual-scroll"
      data-testid="allocations-scroll"
      onScroll={() => {
        frame.current ??= requestAnimationFrame(() => {
          frame.current = undefined;
          measure();
        });
      }}
    >
      <table className="list virtual-table" data-testid="allocations">
        <TableHead columns={['Address', 'Pool', 'Kind', 'Host', 'Container', 'Service task', 'MAC', 'Since', 'Status', props.isAdmin && '']} />
        <tbody>
          {start > 0 && spacer(start)}
          {props.rows.slice(start, end).map((allocation) => (
            <AllocationRow key={allocationKey(allocation)} allocation={allocation} isAdmin={props.isAdmin} onReleaseError={props.onReleaseError} />
          ))}
          {end < props.rows.length && spacer(props.rows.length - end)}
        </tbody>
      </table>
    </div>
  );
});

/** One allocation; unchanged allocations keep their object, so only changed rows render again. */
const AllocationRow = memo(function AllocationRow({ allocation: a, isAdmin, onReleaseError }: { allocation: IpamAllocationView; isAdmin: boolean; onReleaseError: (message: string | null) => void }) {
  const holders = a.holders.join(', ');
  return (
    <tr data-testid={`allocation-${a.address}`} className={a.status === 'leaked' || a.status === 'host-gone' ? 'leaked' : undefined}>
      <td>{a.address}</td>
      <td>{a.poolId}</td>
      <td>{a.kind}</td>
      <td title={holders}>{holders}</td>
      <td>{a.container ?? '—'}</td>
      <td data-testid="allocation-task">{a.task ? `${a.task.service} · slot ${a.task.slot ?? 'global'} · ${a.task.node ?? 'node unknown'}` : '—'}</td>
      <td>{a.mac ?? '—'}</td>
      <td>{a.since ? <RelativeTime iso={a.since} /> : '—'}</td>
      <td>{a.status}</td>
      {isAdmin && <td>{a.status !== 'in-use' && <ReleaseButton address={a.address} onError={onReleaseError} />}</td>}
    </tr>
  );
});

function ReleaseButton({ address, onError }: { address: string; onError: (message: string | null) => void }) {
  return (
    <button
      type="button"
      className="small"
      onClick={async () => {
        if (!window.confirm(`Free ${address}? Only do this when no container uses it.`)) return;
        const failure = await api.post('/api/v1/ipam/release', { address }).then(() => null, ApiError.from);
        onError(failure ? `${address}: ${failure.message}` : null);
      }}
    >
      Release
    </button>
  );
}
