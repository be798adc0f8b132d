import { withSession } from '@/lib/auth/guard';
import { getContainerContext } from '@/lib/engines/registry';
import { sseResponse } from '@/lib/http/sse-response';
import { clusterEventStream } from '@/lib/placement/cluster-feed';

export const dynamic = 'force-dynamic';

// Server-sent events: a `cluster` event (the whole view) now and after every container event or core claim change.
export const GET = withSession(async ({ request, user }) => sseResponse(clusterEventStream(getContainerContext(user), request.signal)), { permission: 'containers:read' });
