import 'server-only';
import { getServices } from '@/lib/server/services';
import type { ContainerContext } from './context';

/** The console's engines and flat network: the services object's, so the manager has one client. */
export function getContainerContext(): ContainerContext {
  return getServices().containers;
}
