import { withSession } from '@/lib/auth/guard';
import { containerProcesses } from '@/lib/containers/container-top';
import { getContainerContext } from '@/lib/engines/registry';
import { hostParam } from '@/lib/engines/host-param';

export const dynamic = 'force-dynamic';

// GET /api/v1/containers/:id/top?host=: the processes (pid, user, command); none when not running.
export const GET = withSession<{ id: string }>(
  async ({ request, user, params }) => Response.json({ processes: await containerProcesses(getContainerContext(user), params.id, hostParam(request)) }),
  { permission: 'containers:read' },
);
