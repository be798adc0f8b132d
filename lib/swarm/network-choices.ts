// The networks a service may join: the swarm-scoped ones (overlays) except the routing mesh's own
// ingress network, which Docker attaches by itself. The host network is offered to admins only.
import type { EngineClient } from '@/lib/docker/engine-client';
import type { Role } from '@/prisma-free-db/schemas/account';

export async function serviceNetworkChoices(docker: EngineClient, role: Role): Promise<string[]> {
  const networks = await docker.listNetworks();
  const names = networks.filter((network) => network.Scope === 'swarm' && !network.Ingress).map((network) => network.Name);
  return [...names.sort((a, b) => a.localeCompare(b)), ...(role === 'admin' ? ['host'] : [])];
}
