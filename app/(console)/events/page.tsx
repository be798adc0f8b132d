import { ErrorBox } from '@/app/components/error-box';
import { requirePageUser } from '@/lib/auth/guard';
import { granteeGrants } from '@/lib/auth/permissions';
import { readAuditLog, readAuditRetention } from '@/lib/audit/audit-log';
import { parseEventQuery } from '@/lib/audit/event-query';
import { AppError } from '@/lib/errors/app-error';
import { getDatabase } from '@/lib/server/services';
import { EventsLive, type EventRow } from './events-live';
import { RetentionForm } from './retention-form';

export const dynamic = 'force-dynamic';

const FILTERS = ['actor', 'action', 'outcome', 'since', 'until'] as const;

export default async function EventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser({ permission: 'events:read' }, '/events');
  const raw = await searchParams;
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = raw[name];
    if (typeof value === 'string' && value !== '') params.set(name, value);
  }
  const database = await getDatabase();
  let error: string | null = null;
  let rows: EventRow[] = [];
  try {
    const { filter } = parseEventQuery(params);
    rows = (await readAuditLog(database, { ...filter, limit: 200 })).events.map((event) => ({ ...event, time: event.time.toISOString() }));
  } catch (caught) {
    if (!(caught instanceof AppError)) throw caught;
    error = caught.message;
  }
  const retention = await readAuditRetention(database);
  const query = params.toString();
  const value = (name: (typeof FILTERS)[number]) => params.get(name) ?? '';
  return (
    <>
      <h1>Events</h1>
      <form className="filters" method="get" data-testid="event-filters">
        <label>
          Actor
          <input name="actor" defaultValue={value('actor')} placeholder="admin" />
        </label>
        <label>
          Action
          <input name="action" defaultValue={value('action')} placeholder="network, account or auth.login" />
        </label>
        <label>
          Outcome
          <select name="outcome" defaultValue={value('outcome')}>
            <option value="">any</option>
            <option value="success">success</option>
            <option value="failure">failure</option>
          </select>
        </label>
        <label>
          Since (ISO time)
          <input name="since" defaultValue={value('since')} placeholder="2025-01-31T00:00:00Z" />
        </label>
        <label>
          Until
          <input name="until" defaultValue={value('until')} />
        </label>
        <button type="submit">Filter</button>
        <a href={`/api/v1/events?${query}${query ? '&' : ''}format=csv`} data-testid="export-csv">
          Export CSV
        </a>
        <a href={`/api/v1/events?${query}${query ? '&' : ''}export=1&limit=10000`} data-testid="export-json">
          Export JSON
        </a>
      </form>
      <ErrorBox message={error} />
      <EventsLive initial={rows} streamQuery={query} />
      <h2 className="section">Retention</h2>
      <p data-testid="retention-days">
        Events are kept {retention.days} days{retention.updatedBy ? ` (set by ${retention.updatedBy})` : ' (the default)'}; older ones are deleted every hour.
      </p>
      {granteeGrants(user, 'events:write') && <RetentionForm days={retention.days} />}
    </>
  );
}
