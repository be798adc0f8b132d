import { requirePageUser } from '@/lib/auth/guard';
import { granteeGrants } from '@/lib/auth/permissions';
import { listAllocations } from '@/lib/ipam-view/allocations';
import { getIpamStore, readConsoleEngineView } from '@/lib/ipam-view/console-ipam';
import { listPools } from '@/lib/ipam-view/pools';
import { IpamLive } from './ipam-live';

export const dynamic = 'force-dynamic';

export default async function IpamPage() {
  const user = await requirePageUser({ permission: 'ipam:read' }, '/ipam');
  const store = getIpamStore();
  try {
    const [pools, { revision, allocations }] = await Promise.all([listPools(store), listAllocations(store, readConsoleEngineView)]);
    return (
      <>
        <h1>IP allocations</h1>
        <IpamLive initialPools={pools} initialAllocations={allocations} revision={revision} isAdmin={user.role === 'admin' && granteeGrants(user, 'ipam:write')} />
      </>
    );
  } catch (error) {
    return (
      <>
        <h1>IP allocations</h1>
        <div className="error-box" role="alert" data-testid="ipam-error">
          {error instanceof Error ? error.message : String(error)}
        </div>
      </>
    );
  }
}
