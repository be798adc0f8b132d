import { requirePageUser } from '@/lib/auth/guard';
import { getDatabase } from '@/lib/server/services';
import { GRANTABLE_AREAS, listAccounts, ROLES, toPublicAccount } from '@/prisma-free-db';
import { AccountsManager, type AccountRow } from './accounts-manager';

export const dynamic = 'force-dynamic';

export default async function AccountsPage() {
  const user = await requirePageUser({ permission: 'accounts:write' }, '/accounts');
  const accounts: AccountRow[] = (await listAccounts(await getDatabase())).map((account) => {
    const shown = toPublicAccount(account);
    return { id: shown.id, username: shown.username, role: shown.role, grants: shown.grants, disabled: shown.disabled, mustChangePassword: shown.mustChangePassword };
  });
  return (
    <>
      <h1>Accounts</h1>
      <AccountsManager accounts={accounts} currentUserId={user.id} roles={[...ROLES]} areas={[...GRANTABLE_AREAS]} />
    </>
  );
}
