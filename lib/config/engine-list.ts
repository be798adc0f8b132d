import { parseDockerEndpoint, type DockerEndpoint } from './docker-endpoint';

type EngineEnvironment = Readonly<Record<string, string | undefined>>;

const DEFAULT_MANAGER = 'unix:///var/run/docker.sock';

/** The comma-separated lists of more engines, in the order they are listed after the manager. */
const ENGINE_LISTS = ['SHIPYARD_ENGINES', 'SHIPYARD_LAB_DOCKERS'] as const;

/**
 * The engines the console manages. A swarm-mode manager lists only its own containers, so each
 * host's engine is listed too: SHIPYARD_DOCKER (the manager), then the comma-separated
 * SHIPYARD_ENGINES, then the lab's SHIPYARD_LAB_DOCKERS; the same URL twice counts once.
 */
export function engineUrlsFrom(env: EngineEnvironment): string[] {
  const urls = [env.SHIPYARD_DOCKER?.trim() || DEFAULT_MANAGER];
  for (const list of ENGINE_LISTS) {
    for (const url of (env[list] ?? '').split(',')) if (url.trim() !== '') urls.push(url.trim());
  }
  return [...new Set(urls)];
}

/**
 * The engines after the manager (SHIPYARD_ENGINES, SHIPYARD_LAB_DOCKERS), with the TLS variables
 * of `env` for tcp://; each wrong URL is one message naming its variable. The manager is left out:
 * SHIPYARD_DOCKER is checked on its own.
 */
export function parseMoreEngines(env: EngineEnvironment, manager: string): DockerEndpoint[] | string[] {
  const endpoints: DockerEndpoint[] = [];
  const errors: string[] = [];
  const seen = new Set([manager]);
  for (const list of ENGINE_LISTS) {
    for (const raw of (env[list] ?? '').split(',')) {
      const url = raw.trim();
      if (url === '' || seen.has(url)) continue;
      seen.add(url);
      const endpoint = parseDockerEndpoint(url, env);
      if (Array.isArray(endpoint)) errors.push(...endpoint.map((message) => `${list}: ${message}`));
      else endpoints.push(endpoint);
    }
  }
  return errors.length > 0 ? errors : endpoints;
}

/** The flat network's Docker name: SHIPYARD_FLAT_NETWORK, else the lab's network, else none (Docker's default bridge). */
export function flatNetworkFrom(env: EngineEnvironment): string | null {
  return env.SHIPYARD_FLAT_NETWORK?.trim() || env.SHIPYARD_LAB_NETWORK?.trim() || null;
}

/** Docker names a network with letters, digits, dots, dashes and underscores. */
export function flatNetworkProblem(name: string | null): string | null {
  if (name === null || /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/.test(name)) return null;
  return `"${name}" is not a Docker network name: use letters, digits, dots, dashes or underscores, starting with a letter or digit`;
}
