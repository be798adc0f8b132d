import { parseDockerEndpoint } from './docker-endpoint';

/** Where more engines come from besides SHIPYARD_ENGINES: nowhere, or the swarm's node list. */
export type EngineDiscovery = { mode: 'none' } | { mode: 'swarm'; port: number };

type DiscoveryEnvironment = Readonly<Record<string, string | undefined>>;

/**
 * Reads SHIPYARD_ENGINE_DISCOVERY (unset or "swarm") and SHIPYARD_ENGINE_PORT (the port each
 * node's engine listens on, needed with swarm). Each message names its variable.
 */
export function parseEngineDiscovery(env: DiscoveryEnvironment): EngineDiscovery | string[] {
  const mode = env.SHIPYARD_ENGINE_DISCOVERY?.trim().toLowerCase() ?? '';
  const portText = env.SHIPYARD_ENGINE_PORT?.trim() ?? '';
  if (mode === '' || mode === 'none') {
    return portText === ''
      ? { mode: 'none' }
      : ['SHIPYARD_ENGINE_PORT: set, but SHIPYARD_ENGINE_DISCOVERY is not: set SHIPYARD_ENGINE_DISCOVERY=swarm to find engines on the swarm\'s nodes, or unset the port'];
  }
  if (mode !== 'swarm') {
    return [`SHIPYARD_ENGINE_DISCOVERY: "${env.SHIPYARD_ENGINE_DISCOVERY ?? ''}" is not a discovery mode: use swarm (an engine on each swarm node) or leave it unset`];
  }
  if (portText === '') {
    return ['SHIPYARD_ENGINE_PORT: not set; SHIPYARD_ENGINE_DISCOVERY=swarm needs the port every node\'s Docker engine listens on, e.g. 2376'];
  }
  if (!/^\d+$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
    return [`SHIPYARD_ENGINE_PORT: "${portText}" is not a port: use a whole number from 1 to 65535, e.g. 2376`];
  }
  const port = Number(portText);
  // Discovered engines use the same TLS variables as SHIPYARD_DOCKER: check them once here.
  const sample = parseDockerEndpoint(`tcp://node.invalid:${port}`, env);
  if (Array.isArray(sample)) return sample.map((message) => `SHIPYARD_ENGINE_DISCOVERY: ${message}`);
  return { mode: 'swarm', port };
}
