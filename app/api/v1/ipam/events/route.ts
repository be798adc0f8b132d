import { withSession } from '@/lib/auth/guard';
import { consoleAllocationContext, getIpamStore } from '@/lib/ipam-view/console-ipam';
import { ipamCall } from '@/lib/ipam-view/ipam-errors';
import { ipamEventStream, resumeRevision } from '@/lib/ipam-view/sse';
import { sseResponse } from '@/lib/http/sse-response';

export const dynamic = 'force-dynamic';

// Server-sent events: one `ipam` event per etcd revision (its id), resumed after Last-Event-ID.
export const GET = withSession(
  async ({ request }) => {
    const url = new URL(request.url);
    const after = resumeRevision(request.headers.get('last-event-id'), url.searchParams.get('since'));
    const store = getIpamStore();
    // Fail as JSON (503 naming etcd) before the stream starts when etcd is down.
    if (after === undefined) await ipamCall(() => store.currentRevision());
    const stream = ipamEventStream({ store, after, context: consoleAllocationContext, signal: request.signal });
    return sseResponse(stream);
  },
  { permission: 'ipam:read' },
);
