import { withSession } from '@/lib/auth/guard';

export const dynamic = 'force-dynamic';

export const GET = withSession(async ({ user }) => Response.json({ user }), { role: 'viewer' });
