import { withSession } from '@/lib/auth/guard';
import { consoleAllocationContext, getIpamStore } from '@/lib/ipam-view/console-ipam';
import { ipamCall } from '@/lib/ipam-view/ipam-errors';
import { ipamEventStream, resumeRevision } from '@/lib/ipam-view/sse';

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
    return new Response(stream, {
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        // no-transform: the built-in compression would otherwise buffer the stream.
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      },
    });
  },
  { permission: 'ipam:read' },
);
