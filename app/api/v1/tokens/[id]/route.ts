import { withSession } from '@/lib/auth/guard';
import { clientAddress } from '@/lib/http/client-address';
import { getDatabase } from '@/lib/server/services';
import { revokeOwnToken } from '@/lib/tokens/manage-tokens';

export const dynamic = 'force-dynamic';

/** Revokes one of your tokens at once; it stays listed as revoked. */
export const DELETE = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const token = await revokeOwnToken(await getDatabase(), user, params.id, clientAddress(request.headers));
    return Response.json({ token });
  },
  { role: 'viewer' },
);
