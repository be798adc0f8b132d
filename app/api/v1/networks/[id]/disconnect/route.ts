import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { disconnectContainerAudited } from '@/lib/networks/network-mutations';
import { disconnectSchema } from '@/lib/networks/network-schema';
import { requestActor } from '@/lib/server/request-actor';
import { getServices } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

export const POST = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const input = await readJsonBody(request, disconnectSchema);
    await disconnectContainerAudited(getServices(), await requestActor(user, request), { ...input, network: params.id });
    return new Response(null, { status: 204 });
  },
  { permission: 'networks:write' },
);
