'use client';

import { RelativeTime } from '@/app/components/relative-time';
import { useEffect, useState } from 'react';
import { DataTable } from '@/app/components/data-table';

export interface EventRow {
  id: string;
  time: string;
  actor: string | null;
  action: string;
  target: string | null;
  outcome: 'success' | 'failure';
  address: string | null;
  details: Record<string, string | number | boolean>;
}

const MAX_ROWS = 500;

/** The events table, with new events pushed in by the server (GET /api/v1/events/stream). */
export function EventsLive({ initial, streamQuery }: { initial: EventRow[]; streamQuery: string }) {
  const [rows, setRows] = useState(initial);
  const [live, setLive] = useState<'connecting' | 'live' | 'reconnecting'>('connecting');

  useEffect(() => setRows(initial), [initial]);

  useEffect(() => {
    const source = new EventSource(`/api/v1/events/stream${streamQuery ? `?${streamQuery}` : ''}`);
    source.onopen = () => setLive('live');
    source.onerror = () => setLive('reconnecting');
    source.addEventListener('audit', (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as EventRow;
      setRows((current) => (current.some((row) => row.id === event.id) ? current : [event, ...current].slice(0, MAX_ROWS)));
    });
    return () => source.close();
  }, [streamQuery]);

  return (
    <>
      <div className="live" data-testid="live-status">
        {live === 'live' ? 'Live: new events appear as they happen' : live === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
      </div>
      <div className="table-scroll">
      <DataTable className="list events" testId="events-table" columns={['Time', 'Actor', 'Action', 'Target', 'Outcome', 'Address', 'Details']} rows={rows} empty="No events match.">
        {(row) => (
          <tr key={row.id} data-testid="event-row">
            <td>
              <RelativeTime iso={row.time} />
            </td>
            <td>{row.actor ?? '—'}</td>
            <td>{row.action}</td>
            <td>{row.target ?? '—'}</td>
            <td className={row.outcome === 'failure' ? 'failure' : undefined}>{row.outcome}</td>
            <td>{row.address ?? '—'}</td>
            <td>
              {Object.entries(row.details)
                .map(([key, value]) => `${key}=${String(value)}`)
                .join(' ')}
            </td>
          </tr>
        )}
      </DataTable>
      </div>
    </>
  );
}
