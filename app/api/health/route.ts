import { checkHealth } from '@/lib/health/check-health';
import { serviceProbes } from '@/lib/health/service-probes';

export const dynamic = 'force-dynamic';

/** Public: each service up or down with its latency, and nothing else (no addresses, no secrets). */
export async function GET(): Promise<Response> {
  const report = await checkHealth(serviceProbes());
  return Response.json(report, { status: report.status === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
