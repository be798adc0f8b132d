import { AppError } from '@/lib/errors/app-error';
import type { Environment } from '@/lib/config/config';

/** Flannel's --etcd-prefix default. */
export const DEFAULT_FLANNEL_PREFIX = '/coreos.com/network/';

/** Where Flannel keeps its keys: SHIPYARD_FLANNEL_PREFIX (Flannel's --etcd-prefix), with a trailing slash. */
export function flannelPrefixFrom(env: Environment): string {
  const given = env.SHIPYARD_FLANNEL_PREFIX?.trim() || DEFAULT_FLANNEL_PREFIX;
  if (!given.startsWith('/')) throw new AppError('BAD_REQUEST', `SHIPYARD_FLANNEL_PREFIX: "${given}" must start with /, e.g. ${DEFAULT_FLANNEL_PREFIX} (Flannel's --etcd-prefix)`);
  return given.endsWith('/') ? given : `${given}/`;
}
