import { PageFailure } from '@/app/components/page-failure';
import { requirePageUser } from '@/lib/auth/guard';
import { getContainerContext } from '@/lib/engines/registry';
import { readClusterView } from '@/lib/placement/cluster-view';
import { ClusterLive } from './cluster-live';

export const dynamic = 'force-dynamic';

export default async function ClusterPage() {
  const user = await requirePageUser({ permission: 'containers:read' }, '/cluster');
  try {
    const view = await readClusterView(getContainerContext(user));
    return (
      <>
        <h1>Cluster</h1>
        <ClusterLive initial={view} />
      </>
    );
  } catch (error) {
    return <PageFailure title="Cluster" message={error instanceof Error ? error.message : String(error)} testId="cluster-error" />;
  }
}
