import 'server-only';
import { getEngineSummary, type EngineSummary } from '@/lib/docker/engine-summary';
import { getServices } from '@/lib/server/services';

/** The manager engine's summary; throws a DockerUnavailableError the API answers as 503. */
export function getDockerEngineSummary(): Promise<EngineSummary> {
  const { docker, config } = getServices();
  return getEngineSummary(docker, config.docker.url);
}
