// The two other ways a container gets a cpuset besides a create: Shipyard's scale (copies keep
// the original's cpuset) and a limits update. Neither may hand out a core another container holds
// exclusively, and a container's own exclusive cores are changed only by creating it again.
import { parseCpuset } from '@/lib/containers/cpuset';
import type { ContainerContext } from '@/lib/engines/context';
import { AppError } from '@/lib/errors/app-error';
import { holdersOf } from './claim-keys';
import { listCoreClaims } from './core-claims';

async function exclusiveClaimsOn(context: ContainerContext, host: string, cpuset: string) {
  const store = context.placement?.store;
  const cores = parseCpuset(cpuset);
  if (!store || typeof cores === 'string') return [];
  const wanted = new Set(cores);
  return (await listCoreClaims(store, host)).filter((claim) => claim.record.kind === 'exclusive' && wanted.has(claim.core));
}

/** Copies of a container with exclusive cores would share them: refused (409). */
export async function assertMayCopyCpuset(context: ContainerContext, host: string, name: string, cpuset: string | undefined): Promise<void> {
  if (!cpuset) return;
  const held = await exclusiveClaimsOn(context, host, cpuset);
  if (held.length === 0) return;
  throw new AppError(
    'CONFLICT',
    `${name} is pinned to core ${held.map((claim) => claim.core).join(', ')} of ${host}, held exclusively: copies would share it. Create more containers with cores: N instead`,
  );
}

/** A new cpuset for `containerId` on `host`: none of its cores held exclusively, by another container or by this one. */
export async function assertMayChangeCpuset(context: ContainerContext, host: string, containerId: string, cpuset: string): Promise<void> {
  const store = context.placement?.store;
  if (!store) return;
  const own = (await listCoreClaims(store, host)).filter((claim) => claim.record.kind === 'exclusive' && holdersOf(claim.record).some((holder) => holder.container === containerId));
  if (own.length > 0) {
    const message = `This container holds core ${own.map((claim) => claim.core).join(', ')} of ${host} exclusively (cores: ${own.length}): create it again to change them`;
    throw new AppError('CONFLICT', message, { fields: [{ path: 'cpuset', message }] });
  }
  const taken = await exclusiveClaimsOn(context, host, cpuset);
  const [first] = taken;
  if (!first) return;
  const message = `Core ${first.core} of ${host} is held exclusively by ${holdersOf(first.record)[0]?.name ?? 'another container'}: choose other cores`;
  throw new AppError('CONFLICT', message, { fields: [{ path: 'cpuset', message }] });
}
