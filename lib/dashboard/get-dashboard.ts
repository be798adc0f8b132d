import 'server-only';
import { AppError } from '@/lib/errors/app-error';
import { getEngineSummary, type EngineSummary } from '@/lib/docker/engine-summary';
import type { EngineCaller } from '@/lib/docker/engine-request';
import { getServices } from '@/lib/server/services';

export type DashboardEngine = { ok: true; engine: EngineSummary; endpoint: string } | { ok: false; error: string; endpoint: string };

/** The manager engine's summary, or the reason it cannot be shown: the page renders either. */
export async function getDashboardEngine(caller: EngineCaller): Promise<DashboardEngine> {
  const { docker, config } = getServices();
  const endpoint = config.docker.url;
  try {
    return { ok: true, engine: await getEngineSummary(docker.as(caller)), endpoint };
  } catch (error) {
    return { ok: false, error: error instanceof AppError ? error.message : 'The Docker engine could not be read', endpoint };
  }
}
