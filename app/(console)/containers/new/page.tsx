import { EngineProblems } from '@/app/components/engine-problems';
import { requirePageUser } from '@/lib/auth/guard';
import { reachableEnginesOf } from '@/lib/engines/context-engines';
import { toEngineInfo } from '@/lib/engines/engines';
import { getContainerContext } from '@/lib/engines/registry';
import { CreateContainerForm } from './create-container-form';

export const dynamic = 'force-dynamic';

export default async function NewContainerPage() {
  const user = await requirePageUser({ permission: 'containers:write' }, '/containers/new');
  const context = getContainerContext(user);
  const { engines, unreachable } = await reachableEnginesOf(context);
  return (
    <>
      <h1>Create a container</h1>
      <EngineProblems problems={unreachable} />
      <CreateContainerForm engines={engines.map(toEngineInfo)} flatNetwork={context.flatNetwork} isAdmin={user.role === 'admin'} strategy={context.placement?.strategy ?? 'spread'} />
    </>
  );
}
