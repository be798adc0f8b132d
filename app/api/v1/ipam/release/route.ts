import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { consoleIpamServices } from '@/lib/ipam-view/console-ipam';
import { releaseAddressAudited } from '@/lib/ipam-view/ipam-mutations';
import { releaseAddressSchema } from '@/lib/ipam-view/ipam-schema';
import { requestActor } from '@/lib/server/request-actor';

export const dynamic = 'force-dynamic';

export const POST = withSession(
  async ({ request, user }) => {
    const input = await readJsonBody(request, releaseAddressSchema);
    const released = await releaseAddressAudited(consoleIpamServices(), await requestActor(user, request), input);
    return Response.json({ released });
  },
  { role: 'admin' },
);
