import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { runBulkAction } from '@/lib/containers/bulk';
import { bulkSchema } from '@/lib/containers/container-schema';
import { getContainerContext } from '@/lib/engines/registry';
import { requestActor } from '@/lib/server/request-actor';

export const dynamic = 'force-dynamic';

// POST /api/v1/containers/bulk {action, targets:[{id, host}]}: every target's outcome, one failing not stopping the others.
export const POST = withSession(
  async ({ request, user }) => {
    const input = await readJsonBody(request, bulkSchema);
    return Response.json({ action: input.action, results: await runBulkAction(getContainerContext(user), await requestActor(user, request), input) });
  },
  { permission: 'containers:write' },
);
