import { readQuery } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { clientAddress } from '@/lib/http/client-address';
import { getDatabase } from '@/lib/server/services';
import { deleteOwnToken, revokeOwnToken } from '@/lib/tokens/manage-tokens';
import { tokenDeleteQuerySchema } from '@/lib/tokens/token-schema';

export const dynamic = 'force-dynamic';

/**
 * Revokes one of your tokens at once; it stays listed as revoked. With ?purge=true, deletes a
 * revoked or expired token from the list instead (an active one is refused: revoke it first).
 */
export const DELETE = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const { purge } = readQuery(request, tokenDeleteQuerySchema);
    const database = await getDatabase();
    const address = clientAddress(request.headers);
    if (purge) return Response.json({ deleted: await deleteOwnToken(database, user, params.id, address) });
    return Response.json({ token: await revokeOwnToken(database, user, params.id, address) });
  },
  { role: 'viewer' },
);
