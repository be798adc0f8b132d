import { withSession } from '@/lib/auth/guard';
import { getContainerContext } from '@/lib/engines/registry';
import { readClusterView } from '@/lib/placement/cluster-view';

export const dynamic = 'force-dynamic';

export const GET = withSession(async ({ user }) => Response.json({ cluster: await readClusterView(getContainerContext(user)) }), { permission: 'containers:read' });
