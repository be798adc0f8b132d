import { withSession } from '@/lib/auth/guard';
import { consoleFlannelEvents, readConsoleFlannel } from '@/lib/flannel/console-flannel';
import { sseResponse } from '@/lib/http/sse-response';

export const dynamic = 'force-dynamic';

// Server-sent events: a `flannel` event (the whole view) now and after every change under the prefix.
export const GET = withSession(
  async ({ request }) => {
    // Fail as JSON (503 naming etcd) before the stream starts when etcd is down.
    await readConsoleFlannel();
    return sseResponse(consoleFlannelEvents(request.signal));
  },
  { permission: 'ipam:read' },
);
