import { EngineProblems } from '@/app/components/engine-problems';
import { PageFailure } from '@/app/components/page-failure';
import { requirePageUser } from '@/lib/auth/guard';
import { granteeGrants } from '@/lib/auth/permissions';
import { getContainerContext } from '@/lib/engines/registry';
import { AppError } from '@/lib/errors/app-error';
import { listImages } from '@/lib/images/list-images';
import { ImagesTable } from './images-table';
import { PullForm } from './pull-form';
import { listRegistryViews } from '@/lib/registries/registry-mutations';
import { getDatabase } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

/** The saved registries a pull may use (names and addresses only). */
async function savedRegistryChoices(): Promise<{ id: string; name: string; address: string }[]> {
  return (await listRegistryViews({ database: await getDatabase() })).map(({ id, name, address }) => ({ id, name, address }));
}

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
      {canWrite && <PullForm hosts={list.engines.map((engine) => engine.host)} registries={await savedRegistryChoices()} />}
      <ImagesTable images={list.images} canWrite={canWrite} canForce={user.role === 'admin'} />
    </>
  );
}
