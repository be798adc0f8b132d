import { withSession } from '@/lib/auth/guard';
import { getDatabase } from '@/lib/server/services';
import { listAllTokens } from '@/lib/tokens/admin-tokens';

export const dynamic = 'force-dynamic';

/** Every account's API tokens with their owners (never a secret or hash): admins only. */
export const GET = withSession(async () => Response.json({ tokens: await listAllTokens(await getDatabase()) }), { permission: 'accounts:read' });
