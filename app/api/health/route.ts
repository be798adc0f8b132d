import { getConfig } from '@/lib/config/config';
import { checkHealth } from '@/lib/health/check-health';
import { checkDirectory } from '@/lib/health/directory-health';
import { serviceProbes } from '@/lib/health/service-probes';

export const dynamic = 'force-dynamic';

/**
 * Public: each service up or down with its latency, and nothing else (no addresses, no secrets).
 * With LDAP sign-in on, `directory` too; it does not change the status (local accounts still sign in).
 */
export async function GET(): Promise<Response> {
  const ldap = getConfig().ldap;
  const [report, directory] = await Promise.all([checkHealth(serviceProbes()), ldap === null ? null : checkDirectory(ldap)]);
  const body = directory === null ? report : { ...report, directory };
  return Response.json(body, { status: report.status === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
