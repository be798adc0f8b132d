import 'server-only';
import { ContainerChangeFeed } from '@/lib/containers/container-changes';
import { getContainerContext } from './registry';

const holder = globalThis as typeof globalThis & { shipyardContainerFeed?: ContainerChangeFeed };

/** The process's one feed of container changes, shared by every browser following the list. */
export function getContainerChangeFeed(): ContainerChangeFeed {
  holder.shipyardContainerFeed ??= new ContainerChangeFeed(getContainerContext());
  return holder.shipyardContainerFeed;
}
