import { withSession } from '@/lib/auth/guard';
import { getDockerEngineSummary } from '@/lib/dashboard/docker-engine';

export const dynamic = 'force-dynamic';

export const GET = withSession(async () => Response.json({ engine: await getDockerEngineSummary() }), { role: 'viewer' });
