import { listPublicAccounts } from '@/lib/accounts/read-accounts';
import { requirePageUser } from '@/lib/auth/guard';
import { getDatabase } from '@/lib/server/services';
import { listAllTokens } from '@/lib/tokens/admin-tokens';
import { GRANTABLE_AREAS, ROLES } from '@/prisma-free-db';
import { AccountsManager, type AccountRow } from './accounts-manager';
import { AllTokens, type OwnedTokenRow } from './all-tokens';

export const dynamic = 'force-dynamic';

export default async function AccountsPage() {
  const user = await requirePageUser({ permission: 'accounts:write' }, '/accounts');
  const database = await getDatabase();
  const accounts: AccountRow[] = (await listPublicAccounts(database)).map((shown) => ({
    id: shown.id,
    username: shown.username,
    role: shown.role,
    grants: shown.grants,
    disabled: shown.disabled,
    mustChangePassword: shown.mustChangePassword,
    source: shown.source,
  }));
  const tokens: OwnedTokenRow[] = (await listAllTokens(database)).map((token) => ({
    id: token.id,
    name: token.name,
    owner: token.owner.username ?? `(deleted account ${token.owner.id})`,
    readOnly: token.readOnly,
    status: token.status,
    expiresAt: token.expiresAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  }));
  return (
    <>
      <h1>Accounts</h1>
      <AccountsManager accounts={accounts} currentUserId={user.id} roles={[...ROLES]} areas={[...GRANTABLE_AREAS]} />
      <h2 className="section">API tokens of every account</h2>
      <AllTokens tokens={tokens} />
    </>
  );
}
