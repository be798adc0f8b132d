// References in a body or a path, resolved once to the full id, checked on what the engine said,
// and forwarded as the id: a rename or a new object with the checked name cannot swap the target.
import { containerEscapes, volumeEscapes } from './container-escapes';
import type { PendingReference } from './field-rules';
import { refuse } from './refusal';
import type { PolicyResolver, ResolvedContainer, ResolvedNetwork, ResolvedReferences, ReferenceKind } from './resolver';

export async function mustResolve<Kind extends ReferenceKind>(resolver: PolicyResolver, kind: Kind, ref: string, field: string): Promise<ResolvedReferences[Kind]> {
  const found = await resolver.resolve(kind, ref);
  if (!found) return refuse(404, `no such ${kind}: ${ref}`, field);
  return found;
}

/** The network is the host's (by name, or by id of the local or the swarm host network). */
export const isHostNetwork = (network: ResolvedNetwork): boolean => network.driver.toLowerCase() === 'host' || network.name === 'host';

/** A container a non-admin may reach into (exec, attach, files, shared namespaces or volumes). */
export async function assertContainerContained(container: ResolvedContainer, resolver: PolicyResolver, field: string): Promise<void> {
  const escapes = await containerEscapes(container, resolver);
  if (escapes) refuse(403, `only an admin may reach into the container ${container.name}: ${escapes}`, field);
}

/** A container reference whose target must not have the host; `write` receives its full id. */
export function containedContainer(ref: string, field: string, write: (id: string) => void): PendingReference {
  return async (resolver) => {
    const container = await mustResolve(resolver, 'container', ref, field);
    await assertContainerContained(container, resolver, field);
    write(container.id);
  };
}

/** A network reference that must not be the host's network; `write` receives its full id. */
export function nonHostNetwork(ref: string, field: string, write: (id: string) => void): PendingReference {
  return async (resolver) => {
    const network = await mustResolve(resolver, 'network', ref, field);
    if (isHostNetwork(network)) refuse(403, `only an admin may use the host's network (${ref} is the network ${network.name}, driver ${network.driver})`, field);
    write(network.id);
  };
}

/** A named volume that must not mount a host path (made with driver options, or by a plugin driver). */
export function containedVolume(name: string, field: string): PendingReference {
  return async (resolver) => {
    const volume = await resolver.resolve('volume', name);
    if (!volume) return; // the engine creates it with no options
    const escapes = volumeEscapes(volume);
    if (escapes) refuse(403, `only an admin may mount it: ${escapes}`, field);
  };
}
