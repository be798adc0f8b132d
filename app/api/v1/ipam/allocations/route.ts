import { withSession } from '@/lib/auth/guard';
import { listAllocations } from '@/lib/ipam-view/allocations';
import { getIpamStore, readConsoleEngineView } from '@/lib/ipam-view/console-ipam';
import { ipamCall } from '@/lib/ipam-view/ipam-errors';

export const dynamic = 'force-dynamic';

export const GET = withSession(
  async () => Response.json(await ipamCall(() => listAllocations(getIpamStore(), readConsoleEngineView))),
  { permission: 'ipam:read' },
);
