import Link from 'next/link';
import { requirePageUser } from '@/lib/auth/guard';
import { getDatabase } from '@/lib/server/services';
import { listOwnTokens } from '@/lib/tokens/manage-tokens';
import { MAX_TOKEN_DAYS } from '@/lib/tokens/token-schema';
import { TokensManager, type TokenRow } from './tokens-manager';

export const dynamic = 'force-dynamic';

export default async function TokensPage() {
  const user = await requirePageUser('viewer', '/account/tokens');
  const tokens: TokenRow[] = (await listOwnTokens(await getDatabase(), user)).map((token) => ({
    id: token.id,
    name: token.name,
    readOnly: token.readOnly,
    status: token.status,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  }));
  return (
    <>
      <h1>API tokens of {user.username}</h1>
      <p>
        Send a token as <code>Authorization: Bearer &lt;token&gt;</code>, or as <code>X-Access-Token: {user.username}:&lt;token&gt;</code> for
        scripts written for the original Shipyard. A token acts with your role; a read-only token may not change anything.
      </p>
      {user.role === 'admin' && (
        <p className="muted">
          Every account&apos;s tokens, to revoke any of them, are on the <Link href="/accounts">Accounts</Link> page.
        </p>
      )}
      <TokensManager tokens={tokens} maxDays={MAX_TOKEN_DAYS} />
    </>
  );
}
