// The console's own dockerode client as the IPAM library's Engine (gc, create-network), so TLS
// settings and timeouts are the console's and no second client is made.
import type Docker from 'dockerode';
import { translateDockerError } from '@/lib/docker/docker-errors';
import { type Engine, flatNetworkOptions } from '@/lib/ipam/engine';

export function consoleEngine(docker: Docker, endpoint: string): Engine {
  return {
    url: endpoint,
    async runningContainers() {
      try {
        const containers = await docker.listContainers();
        return containers.map((container) => ({
          id: container.Id,
          name: (container.Names[0] ?? container.Id).replace(/^\//, ''),
          macs: Object.values(container.NetworkSettings?.Networks ?? {})
            .map((settings) => settings.MacAddress.toLowerCase())
            .filter(Boolean),
        }));
      } catch (error) {
        throw translateDockerError(error, endpoint);
      }
    },
    async createFlatNetwork(spec) {
      try {
        return (await docker.createNetwork(flatNetworkOptions(spec))).id;
      } catch (error) {
        throw translateDockerError(error, endpoint);
      }
    },
  };
}
