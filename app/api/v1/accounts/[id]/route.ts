import { updateAccountSchema } from '@/lib/accounts/account-schema';
import { deleteAccountAsAdmin, updateAccountAsAdmin } from '@/lib/accounts/manage-account';
import { readPublicAccount } from '@/lib/accounts/read-accounts';
import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { clientAddress } from '@/lib/http/client-address';
import { getDatabase } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

export const GET = withSession<{ id: string }>(
  async ({ params }) => Response.json({ account: await readPublicAccount(await getDatabase(), params.id) }),
  { permission: 'accounts:read' },
);

/** `{role?, grants?, disabled?}`; the last enabled admin cannot be demoted or disabled (409). */
export const PATCH = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const input = await readJsonBody(request, updateAccountSchema);
    const account = await updateAccountAsAdmin(await getDatabase(), user, params.id, input, clientAddress(request.headers));
    return Response.json({ account });
  },
  { permission: 'accounts:write' },
);

export const DELETE = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    await deleteAccountAsAdmin(await getDatabase(), user, params.id, clientAddress(request.headers));
    return new Response(null, { status: 204 });
  },
  { permission: 'accounts:write' },
);
