import { withSession } from '@/lib/auth/guard';
import { removeNetworkAudited } from '@/lib/networks/network-mutations';
import { consoleNetworkDetail } from '@/lib/networks/console-network-detail';
import { requestActor } from '@/lib/server/request-actor';
import { getServices } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

export const GET = withSession<{ id: string }>(
  async ({ user, params }) => {
    // The network with its settings in words, the hosts that have it and its swarm tasks.
    return Response.json({ network: await consoleNetworkDetail(user, params.id) });
  },
  { permission: 'networks:read' },
);

export const DELETE = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    await removeNetworkAudited(getServices(), await requestActor(user, request), { id: params.id });
    return new Response(null, { status: 204 });
  },
  { permission: 'networks:write' },
);
