import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { clientAddress } from '@/lib/http/client-address';
import { getDatabase } from '@/lib/server/services';
import { createOwnToken, listOwnTokens } from '@/lib/tokens/manage-tokens';
import { createTokenSchema } from '@/lib/tokens/token-schema';

export const dynamic = 'force-dynamic';

/** Your own API tokens (never their secrets). */
export const GET = withSession(async ({ user }) => Response.json({ tokens: await listOwnTokens(await getDatabase(), user) }), {
  role: 'viewer',
});

/** `{name, expiresInDays (1–365), readOnly?}` → the token once, as `secret`. */
export const POST = withSession(
  async ({ request, user }) => {
    const input = await readJsonBody(request, createTokenSchema);
    const created = await createOwnToken(await getDatabase(), user, input, clientAddress(request.headers));
    return Response.json(created, { status: 201, headers: { 'cache-control': 'no-store' } });
  },
  { role: 'viewer' },
);
