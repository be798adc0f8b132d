import { withSession } from '@/lib/auth/guard';
import { reachableEnginesOf } from '@/lib/engines/context-engines';
import { toEngineInfo } from '@/lib/engines/engines';
import { getContainerContext } from '@/lib/engines/registry';

export const dynamic = 'force-dynamic';

export const GET = withSession(
  async () => {
    const { engines, unreachable } = await reachableEnginesOf(getContainerContext());
    return Response.json({ engines: engines.map(toEngineInfo), unreachable, flatNetwork: getContainerContext().flatNetwork });
  },
  { permission: 'containers:read' },
);
