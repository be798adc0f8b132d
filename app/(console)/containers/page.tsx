import Link from 'next/link';
import { requirePageUser } from '@/lib/auth/guard';
import { granteeGrants } from '@/lib/auth/permissions';
import { listContainers } from '@/lib/containers/list-containers';
import { getContainerContext } from '@/lib/engines/registry';
import { AppError } from '@/lib/errors/app-error';
import { naturallySorted } from '@/lib/format/natural-sort';
import { ContainersTable } from './containers-table';

export const dynamic = 'force-dynamic';

export default async function ContainersPage() {
  const user = await requirePageUser({ permission: 'containers:read' }, '/containers');
  const canWrite = granteeGrants(user, 'containers:write');
  let list;
  // Taken before the list is read: the live stream compares it with the engines' last events.
  const listedAt = Date.now();
  try {
    list = await listContainers(getContainerContext(user));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (
      <>
        <h1>Containers</h1>
        <div className="error-box" role="alert">
          {error.message}
        </div>
      </>
    );
  }
  return (
    <>
      <div className="heading-row">
        <h1>Containers</h1>
        {canWrite && (
          <Link className="button" href="/containers/new">
            Create container
          </Link>
        )}
      </div>
      <p className="muted" data-testid="engines">
        Engines:{' '}
        {naturallySorted(list.engines, (engine) => engine.host).map((engine) => (
          <span key={engine.url} className="engine">
            {engine.host} ({engine.cpus} cores){engine.unsafe && <strong className="down"> plain TCP: unsafe</strong>}{' '}
          </span>
        ))}
      </p>
      {list.unreachable.map((problem) => (
        <div key={problem.url} className="error-box" role="alert">
          {problem.message}
        </div>
      ))}
      <ContainersTable containers={list.containers} listedAt={listedAt} canWrite={canWrite} />
    </>
  );
}
