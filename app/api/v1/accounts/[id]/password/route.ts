import { resetPasswordSchema } from '@/lib/accounts/account-schema';
import { resetPasswordAsAdmin } from '@/lib/accounts/manage-account';
import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { clientAddress } from '@/lib/http/client-address';
import { getDatabase } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

/** `{password}`: the account's sessions end and its user must choose a new password. */
export const POST = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const input = await readJsonBody(request, resetPasswordSchema);
    const account = await resetPasswordAsAdmin(await getDatabase(), user, params.id, input, clientAddress(request.headers));
    return Response.json({ account });
  },
  { permission: 'accounts:write' },
);
