import { withSession } from '@/lib/auth/guard';
import { getDockerEngineSummary } from '@/lib/dashboard/docker-engine';
import { userCaller } from '@/lib/docker/engine-request';

export const dynamic = 'force-dynamic';

export const GET = withSession(async ({ user }) => Response.json({ engine: await getDockerEngineSummary(userCaller(user)) }), { role: 'viewer' });
