import { withSession } from '@/lib/auth/guard';
import { readAuditLog } from '@/lib/audit/audit-log';
import { parseEventQuery } from '@/lib/audit/event-query';
import { eventsToCsv } from '@/lib/audit/events-csv';
import { getDatabase } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

/** The audit log, newest first, filtered; `format=csv` (or `export=1`) downloads it. */
export const GET = withSession(
  async ({ request }) => {
    const params = new URL(request.url).searchParams;
    const { filter, format } = parseEventQuery(params);
    const { events, next } = await readAuditLog(await getDatabase(), filter);
    const stamp = new Date().toISOString().replaceAll(':', '-').slice(0, 19);
    if (format === 'csv') {
      return new Response(eventsToCsv(events), {
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="shipyard-events-${stamp}.csv"` },
      });
    }
    const headers: Record<string, string> = params.has('export') ? { 'content-disposition': `attachment; filename="shipyard-events-${stamp}.json"` } : {};
    return Response.json({ events, next }, { headers });
  },
  { permission: 'events:read' },
);
