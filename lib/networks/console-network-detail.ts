import 'server-only';
import { userCaller } from '@/lib/docker/engine-request';
import { engineHandlesOf } from '@/lib/engines/context-engines';
import { getContainerContext } from '@/lib/engines/registry';
import { managerClientFor } from '@/lib/server/services';
import type { Role } from '@/prisma-free-db/schemas/account';
import { networkDetail, type NetworkDetailView } from './network-detail';
import { namedTargets } from './network-targets';

/** The detail of one network for `user`: the manager's view, every engine's, all asked as that user. */
export async function consoleNetworkDetail(user: { readonly username: string; readonly role: Role }, idOrName: string): Promise<NetworkDetailView> {
  const targets = await namedTargets((await engineHandlesOf(getContainerContext(user))).handles, userCaller(user));
  return networkDetail(managerClientFor(user), targets, idOrName);
}
