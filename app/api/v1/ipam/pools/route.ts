import { withSession } from '@/lib/auth/guard';
import { getIpamStore } from '@/lib/ipam-view/console-ipam';
import { ipamCall } from '@/lib/ipam-view/ipam-errors';
import { listPools } from '@/lib/ipam-view/pools';

export const dynamic = 'force-dynamic';

export const GET = withSession(async () => Response.json({ pools: await ipamCall(() => listPools(getIpamStore())) }), {
  permission: 'ipam:read',
});
