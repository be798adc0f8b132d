import { withSession } from '@/lib/auth/guard';
import { containerStats } from '@/lib/containers/container-stats';
import { getContainerContext } from '@/lib/engines/registry';
import { hostParam } from '@/lib/engines/host-param';

export const dynamic = 'force-dynamic';

// GET /api/v1/containers/:id/stats?host=: one sample (CPU total and per core, memory, network, block I/O).
export const GET = withSession<{ id: string }>(
  async ({ request, user, params }) => Response.json({ stats: await containerStats(getContainerContext(user), params.id, hostParam(request)) }),
  { permission: 'containers:read' },
);
