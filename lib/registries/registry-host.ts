// Which registry an image reference names, as Docker reads it: the first path part when it looks
// like a host (has a dot or a port, or is localhost), else Docker Hub.
import { registryOf } from '@/lib/images/pull-progress';

const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** Docker Hub's names all mean the same registry. */
export function canonicalRegistryHost(host: string): string {
  const lower = host.toLowerCase();
  return HUB_ALIASES.has(lower) ? 'docker.io' : lower;
}

export function registryHostOfImage(image: string): string {
  return canonicalRegistryHost(registryOf(image));
}

/** The first saved registry whose address is the image's registry host. */
export function registryForImage<Saved extends { address: string }>(saved: readonly Saved[], image: string): Saved | undefined {
  const host = registryHostOfImage(image);
  return saved.find((registry) => canonicalRegistryHost(registry.address) === host);
}
