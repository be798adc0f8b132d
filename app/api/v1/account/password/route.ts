import { changePasswordSchema } from '@/lib/accounts/account-schema';
import { changeOwnPassword } from '@/lib/accounts/change-password';
import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { clientAddress } from '@/lib/http/client-address';
import { getDatabase } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

/** Changes the caller's password. Every session of the account, this one included, ends. */
export const POST = withSession(
  async ({ request, user }) => {
    const input = await readJsonBody(request, changePasswordSchema);
    await changeOwnPassword(await getDatabase(), user, input, clientAddress(request.headers));
    return new Response(null, { status: 204 });
  },
  { role: 'viewer' },
);
