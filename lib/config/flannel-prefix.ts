/** Flannel's --etcd-prefix default. */
export const DEFAULT_FLANNEL_PREFIX = '/coreos.com/network/';

export type FlannelPrefix = { ok: true; prefix: string } | { ok: false; problem: string };

/** Reads SHIPYARD_FLANNEL_PREFIX (Flannel's --etcd-prefix): absolute, given a trailing slash. */
export function parseFlannelPrefix(raw: string | undefined): FlannelPrefix {
  const given = raw?.trim() || DEFAULT_FLANNEL_PREFIX;
  if (!given.startsWith('/')) return { ok: false, problem: `"${given}" must start with /, e.g. ${DEFAULT_FLANNEL_PREFIX} (Flannel's --etcd-prefix)` };
  return { ok: true, prefix: given.endsWith('/') ? given : `${given}/` };
}
