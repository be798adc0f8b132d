// The Docker API gateway in the test's (or benchmark's) own process, as scripts/serve.ts starts it,
// on the first free port of a range the caller owns: suites that run at once each keep to theirs.
import { loadConfig, type ShipyardConfig } from '@/lib/config/config';
import { startDockerGateway, type DockerGateway } from '@/lib/gateway/start-gateway';

/**
 * Configured from the environment plus `env` (e.g. SHIPYARD_DATABASE_NAME); `onConfig` sees each
 * attempt's configuration before the gateway starts on it.
 */
export async function startGatewayOnFreePort(
  [first, last]: readonly [number, number],
  env: Record<string, string>,
  onConfig?: (config: ShipyardConfig) => void,
): Promise<DockerGateway> {
  for (let port = first; port <= last; port++) {
    const result = loadConfig({ ...process.env, ...env, SHIPYARD_GATEWAY_LISTEN: `127.0.0.1:${port}` });
    if (!result.ok) throw new Error(result.errors.join('; '));
    onConfig?.(result.config);
    const started = await startDockerGateway(result.config).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') return null;
      throw error;
    });
    if (started) return started;
  }
  throw new Error(`no free port in ${first}-${last} for the gateway`);
}
