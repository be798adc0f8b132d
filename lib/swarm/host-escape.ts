// Options that let a service's containers reach the host (bind mounts of host paths, added
// capabilities, the host's network). They are admin-only, as for containers.
export interface ServiceHostAccess {
  readonly mounts?: readonly { readonly type: 'bind' | 'volume' | 'tmpfs' }[];
  readonly capAdd?: readonly string[];
  readonly networks?: readonly string[];
}

/** What in the request escapes to the host, in words; empty when nothing does. */
export function serviceHostEscapes(input: ServiceHostAccess): string[] {
  const reasons: string[] = [];
  if (input.mounts?.some((mount) => mount.type === 'bind')) reasons.push('bind mounts of host paths');
  if ((input.capAdd?.length ?? 0) > 0) reasons.push(`added capabilities (${input.capAdd?.join(', ')})`);
  if (input.networks?.includes('host')) reasons.push("the host's network");
  return reasons;
}
