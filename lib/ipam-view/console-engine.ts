// The console's own engine client as the IPAM library's Engine (gc, create-network), so TLS
// settings, timeouts and the request gate are the console's and no second client is made.
import type { EngineClient } from '@/lib/docker/engine-client';
import { flatNetworkOptions } from '@/lib/docker/flat-network-options';
import type { Engine } from '@/lib/ipam/engine';

export function consoleEngine(client: EngineClient): Engine {
  return {
    url: client.url,
    runningContainers: () => client.runningContainers(),
    async createFlatNetwork(spec) {
      return (await client.createNetwork(flatNetworkOptions(spec))).id;
    },
  };
}
