import { withSession } from '@/lib/auth/guard';
import { clientAddress } from '@/lib/http/client-address';
import { getDatabase } from '@/lib/server/services';
import { revokeAnyToken } from '@/lib/tokens/admin-tokens';

export const dynamic = 'force-dynamic';

/** Revokes anyone's token at once; it stays listed as revoked. */
export const DELETE = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const token = await revokeAnyToken(await getDatabase(), user, params.id, clientAddress(request.headers));
    return Response.json({ token });
  },
  { permission: 'accounts:write' },
);
