// The networks a service may join: the swarm-scoped ones (overlays) except the routing mesh's own
// ingress network, which Docker attaches by itself. The host network is offered to admins only.
import type Docker from 'dockerode';
import { translateDockerError } from '@/lib/docker/docker-errors';
import type { Role } from '@/prisma-free-db/schemas/account';

interface NetworkSummaryShape {
  Name: string;
  Scope?: string;
  Ingress?: boolean;
}

export async function serviceNetworkChoices(docker: Docker, endpoint: string, role: Role): Promise<string[]> {
  try {
    const networks = (await docker.listNetworks()) as NetworkSummaryShape[];
    const names = networks.filter((network) => network.Scope === 'swarm' && !network.Ingress).map((network) => network.Name);
    return [...names.sort((a, b) => a.localeCompare(b)), ...(role === 'admin' ? ['host'] : [])];
  } catch (error) {
    throw translateDockerError(error, endpoint);
  }
}
