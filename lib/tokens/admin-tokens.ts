import { audited } from '@/lib/audit/audited';
import type { SessionUser } from '@/lib/auth/session-user';
import { NotFoundError } from '@/lib/errors/app-error';
import { findAccountById, findApiTokenById, listAccounts, listAllApiTokens, revokeApiToken, type DatabaseHandle } from '@/prisma-free-db';
import { toPublicToken, type PublicToken } from './manage-tokens';

/** A token as an admin sees it: whose it is, never the secret or its hash. */
export interface OwnedToken extends PublicToken {
  owner: { id: string; username: string | null };
}

/** Every account's API tokens, newest first; a token whose account is gone shows no username. */
export async function listAllTokens(database: DatabaseHandle, now: Date = new Date()): Promise<OwnedToken[]> {
  const [tokens, accounts] = await Promise.all([listAllApiTokens(database), listAccounts(database)]);
  const names = new Map(accounts.map((account) => [account.id, account.username]));
  return tokens.map((token) => ({ ...toPublicToken(token, now), owner: { id: token.accountId, username: names.get(token.accountId) ?? null } }));
}

/** An admin revokes anyone's token; it is refused from the next request on. Audited with its owner. */
export async function revokeAnyToken(database: DatabaseHandle, actor: SessionUser, id: string, address: string): Promise<OwnedToken> {
  const token = await findApiTokenById(database, id);
  const owner = token ? ((await findAccountById(database, token.accountId))?.username ?? null) : null;
  const details = token ? { owner: owner ?? token.accountId } : undefined;
  return audited({ username: actor.username, address, database }, { action: 'token.revoke', target: token?.name ?? id, details }, async () => {
    if (!token) throw new NotFoundError(`No API token has the id ${id}`);
    const revoked = await revokeApiToken(database, id);
    return { ...toPublicToken(revoked), owner: { id: token.accountId, username: owner } };
  });
}
