import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { getDatabase, managerClientFor } from '@/lib/server/services';
import { updateStackSchema } from '@/lib/stacks/stack-schema';
import { previewStackUpdate } from '@/lib/stacks/stacks';

export const dynamic = 'force-dynamic';

// The diff of the service specs a redeploy with this file would make; nothing is changed.
export const POST = withSession<{ name: string }>(
  async ({ request, user, params }) => {
    const input = await readJsonBody(request, updateStackSchema);
    return Response.json(await previewStackUpdate(managerClientFor(user), await getDatabase(), params.name, input));
  },
  { permission: 'stacks:write' },
);
