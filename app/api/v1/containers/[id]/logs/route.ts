import { readQuery } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { containerLogs } from '@/lib/containers/container-logs';
import { logsQuerySchema } from '@/lib/containers/container-schema';
import { getContainerContext } from '@/lib/engines/registry';

export const dynamic = 'force-dynamic';

// GET /api/v1/containers/:id/logs?tail=200&since=…&timestamps=true&follow=true: text; with follow, a stream.
export const GET = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const query = readQuery(request, logsQuerySchema);
    const stream = await containerLogs(getContainerContext(user), params.id, query, request.signal);
    return new Response(stream, { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } });
  },
  { permission: 'containers:read' },
);
