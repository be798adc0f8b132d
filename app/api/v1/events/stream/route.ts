import { withSession } from '@/lib/auth/guard';
import { parseEventQuery } from '@/lib/audit/event-query';
import { auditEventStream } from '@/lib/audit/event-stream';

export const dynamic = 'force-dynamic';

/** Server-sent events: every new audit event that matches the same filters as GET /events. */
export const GET = withSession(
  async ({ request }) => {
    const { filter } = parseEventQuery(new URL(request.url).searchParams);
    const { limit: _limit, ...live } = filter;
    return auditEventStream(live, request.signal);
  },
  { permission: 'events:read' },
);
