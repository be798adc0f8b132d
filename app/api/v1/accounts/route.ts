import { createAccountSchema } from '@/lib/accounts/account-schema';
import { createAccountAsAdmin } from '@/lib/accounts/create-account';
import { listPublicAccounts } from '@/lib/accounts/read-accounts';
import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { clientAddress } from '@/lib/http/client-address';
import { getDatabase } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

export const GET = withSession(
  async () => Response.json({ accounts: await listPublicAccounts(await getDatabase()) }),
  { permission: 'accounts:read' },
);

export const POST = withSession(
  async ({ request, user }) => {
    const input = await readJsonBody(request, createAccountSchema);
    const account = await createAccountAsAdmin(await getDatabase(), user, input, clientAddress(request.headers));
    return Response.json({ account }, { status: 201 });
  },
  { permission: 'accounts:write' },
);
