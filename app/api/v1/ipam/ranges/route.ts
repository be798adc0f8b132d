import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { consoleIpamServices } from '@/lib/ipam-view/console-ipam';
import { addRangeAudited } from '@/lib/ipam-view/ipam-mutations';
import { addRangeSchema } from '@/lib/ipam-view/ipam-schema';
import { ADD_RANGE_ROLE } from '@/lib/ipam-view/range-access';
import { requestActor } from '@/lib/server/request-actor';

export const dynamic = 'force-dynamic';

export const POST = withSession(
  async ({ request, user }) => {
    const input = await readJsonBody(request, addRangeSchema);
    const pool = await addRangeAudited(consoleIpamServices(), await requestActor(user, request), input);
    return Response.json({ pool }, { status: 201 });
  },
  { role: ADD_RANGE_ROLE },
);
