import { withSession } from '@/lib/auth/guard';
import { removeNetworkAudited } from '@/lib/networks/network-mutations';
import { inspectNetwork } from '@/lib/networks/network-view';
import { requestActor } from '@/lib/server/request-actor';
import { getServices, managerClientFor } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

export const GET = withSession<{ id: string }>(
  async ({ user, params }) => {
    const docker = managerClientFor(user);
    return Response.json({ network: await inspectNetwork(docker, params.id) });
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
