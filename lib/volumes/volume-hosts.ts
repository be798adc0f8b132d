// The engines of the container context, each with its host name and a client acting for the
// caller: the volumes page lists every one; a create, remove or prune names one.
import type { EngineCaller } from '@/lib/docker/engine-request';
import { engineHandlesOf } from '@/lib/engines/context-engines';
import type { ContainerContext } from '@/lib/engines/context';
import { ValidationError } from '@/lib/errors/app-error';
import { namedTargets } from '@/lib/networks/network-targets';
import type { NetworkTarget } from '@/lib/networks/flat-everywhere';

export type VolumeHost = NetworkTarget;

export async function volumeHosts(context: ContainerContext, caller: EngineCaller): Promise<VolumeHost[]> {
  return namedTargets((await engineHandlesOf(context)).handles, caller);
}

/** The one engine `host` names (its host name or URL), or a 422 listing the ones there are. */
export function pickHost(hosts: readonly VolumeHost[], host: string): VolumeHost {
  const chosen = hosts.find((candidate) => candidate.host === host || candidate.url === host);
  if (chosen) return chosen;
  const message = `${host} is not one of the console's engines (${hosts.map((candidate) => candidate.host).join(', ')})`;
  throw new ValidationError(`host: ${message}`, [{ path: 'host', message }]);
}
