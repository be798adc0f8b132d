import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { connectContainerAudited } from '@/lib/networks/network-mutations';
import { connectSchema } from '@/lib/networks/network-schema';
import { requestActor } from '@/lib/server/request-actor';
import { getServices } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

export const POST = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const input = await readJsonBody(request, connectSchema);
    await connectContainerAudited(getServices(), await requestActor(user, request), { ...input, network: params.id });
    return new Response(null, { status: 204 });
  },
  { permission: 'networks:write' },
);
