import { withSession } from '@/lib/auth/guard';
import { readConsoleFlannel } from '@/lib/flannel/console-flannel';

export const dynamic = 'force-dynamic';

export const GET = withSession(async () => Response.json({ flannel: await readConsoleFlannel() }), { permission: 'ipam:read' });
