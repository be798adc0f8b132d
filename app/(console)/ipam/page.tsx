import { PageFailure } from '@/app/components/page-failure';
import { requirePageUser } from '@/lib/auth/guard';
import { granteeGrants } from '@/lib/auth/permissions';
import { listAllocations } from '@/lib/ipam-view/allocations';
import { getIpamStore, readConsoleEngineView } from '@/lib/ipam-view/console-ipam';
import { listPools } from '@/lib/ipam-view/pools';
import { mayAddRanges } from '@/lib/ipam-view/range-access';
import { readConsoleFlannel } from '@/lib/flannel/console-flannel';
import type { FlannelView } from '@/lib/flannel/types';
import { FlannelLeases } from './flannel-leases';
import { IpamLive } from './ipam-live';

export const dynamic = 'force-dynamic';

export default async function IpamPage() {
  const user = await requirePageUser({ permission: 'ipam:read' }, '/ipam');
  const store = getIpamStore();
  try {
    // Flannel's leases are extra: a failure to read them must not hide the console's own pools.
    const [pools, { revision, allocations }, flannel] = await Promise.all([
      listPools(store),
      listAllocations(store, readConsoleEngineView),
      readConsoleFlannel().catch((): FlannelView | null => null),
    ]);
    return (
      <>
        <h1>IP allocations</h1>
        <IpamLive initialPools={pools} initialAllocations={allocations} revision={revision} isAdmin={mayAddRanges(user) && granteeGrants(user, 'ipam:write')} />
        <FlannelLeases initial={flannel} />
      </>
    );
  } catch (error) {
    return <PageFailure title="IP allocations" message={error instanceof Error ? error.message : String(error)} testId="ipam-error" />;
  }
}
