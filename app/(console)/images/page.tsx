import { EngineProblems } from '@/app/components/engine-problems';
import { PageFailure } from '@/app/components/page-failure';
import { requirePageUser } from '@/lib/auth/guard';
import { granteeGrants } from '@/lib/auth/permissions';
import { getContainerContext } from '@/lib/engines/registry';
import { AppError } from '@/lib/errors/app-error';
import { listImages } from '@/lib/images/list-images';
import { ImagesTable } from './images-table';
import { PullForm } from './pull-form';

export const dynamic = 'force-dynamic';

export default async function ImagesPage() {
  const user = await requirePageUser({ permission: 'images:read' }, '/images');
  const canWrite = granteeGrants(user, 'images:write');
  let list;
  try {
    list = await listImages(getContainerContext(user));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return <PageFailure title="Images" message={error.message} />;
  }
  return (
    <>
      <h1>Images</h1>
      <EngineProblems problems={list.unreachable} />
      {canWrite && <PullForm hosts={list.engines.map((engine) => engine.host)} />}
      <ImagesTable images={list.images} canWrite={canWrite} canForce={user.role === 'admin'} />
    </>
  );
}
