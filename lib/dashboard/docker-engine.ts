import 'server-only';
import { getEngineSummary, type EngineSummary } from '@/lib/docker/engine-summary';
import type { EngineCaller } from '@/lib/docker/engine-request';
import { getServices } from '@/lib/server/services';

/** The manager engine's summary; throws a DockerUnavailableError the API answers as 503. */
export function getDockerEngineSummary(caller: EngineCaller): Promise<EngineSummary> {
  return getEngineSummary(getServices().docker.as(caller));
}
