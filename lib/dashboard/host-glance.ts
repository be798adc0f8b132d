// Containers per host for the dashboard: one info call per engine (its counts and host name).
import type { EngineClient } from '@/lib/docker/engine-client';

export interface HostGlance {
  readonly host: string;
  readonly running: number;
  readonly total: number;
  /** The engine did not answer: why (its counts are then 0). */
  readonly problem: string | null;
}

/** Host names in natural order: h2 before h10. */
export const byHostName = (a: HostGlance, b: HostGlance) => a.host.localeCompare(b.host, undefined, { numeric: true });

export async function hostGlance(engines: readonly { url: string; client: Pick<EngineClient, 'info'> }[]): Promise<HostGlance[]> {
  const hosts = await Promise.all(
    engines.map(({ url, client }) =>
      client.info().then(
        (info) => ({ host: info.Name || url, running: info.ContainersRunning ?? 0, total: info.Containers ?? 0, problem: null }),
        (error: unknown) => ({ host: url, running: 0, total: 0, problem: error instanceof Error ? error.message : String(error) }),
      ),
    ),
  );
  return hosts.sort(byHostName);
}
