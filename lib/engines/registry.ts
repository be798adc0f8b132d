import 'server-only';
import { userCaller } from '@/lib/docker/engine-request';
import { getServices } from '@/lib/server/services';
import type { Role } from '@/prisma-free-db/schemas/account';
import type { ContainerContext } from './context';

/**
 * The console's engines and flat network: the services object's, so the manager has one client.
 * With a user, the engine requests made through it carry their name and role.
 */
export function getContainerContext(user?: { readonly username: string; readonly role: Role }): ContainerContext {
  const context = getServices().containers;
  return user ? { ...context, caller: userCaller(user) } : context;
}
