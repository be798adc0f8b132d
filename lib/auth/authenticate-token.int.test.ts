import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '@/prisma-free-db/testing/test-database';
import { createAccount, findApiTokenById, searchEvents, updateAccountSettings, type Account, type DatabaseHandle } from '@/prisma-free-db';
import { createOwnToken, listOwnTokens, revokeOwnToken } from '@/lib/tokens/manage-tokens';
import { NotFoundError } from '@/lib/errors/app-error';
import { accountUser } from './account-user';
import { readPresentedToken } from './api-token';
import { authenticateApiToken, TokenRejectedError } from './authenticate-token';

const HASH = '$2b$04$3uFe0Kq0Q6r4nQx8m1o1OeZkS7dWcW3C1bV0f0c8YwT5oB9S2yG6K';
let db: DatabaseHandle;
let dispose: () => Promise<void>;
let owner: Account;

beforeAll(async () => {
  ({ db, dispose } = await openTestDatabase('token_auth'));
  owner = await createAccount(db, { username: 'robot', passwordHash: HASH, role: 'operator', mustChangePassword: false, grants: [] });
});
afterAll(async () => {
  await dispose();
});

const bearer = (secret: string) => readPresentedToken(new Headers({ authorization: `Bearer ${secret}` }));
const session = () => accountUser(owner, { kind: 'session' });

describe('API tokens', () => {
  it('authenticate by Bearer and by X-Access-Token, record the last use, and list without secrets', async () => {
    const { token, secret } = await createOwnToken(db, session(), { name: 'ci', expiresInDays: 30, readOnly: false }, '10.0.0.5');
    expect(token).toMatchObject({ name: 'ci', status: 'active', lastUsedAt: null, readOnly: false });
    // createdAt is stamped by the repository a moment after the expiry was computed.
    expect(Math.abs(token.expiresAt.getTime() - token.createdAt.getTime() - 30 * 86_400_000)).toBeLessThan(5_000);

    const user = await authenticateApiToken(db, bearer(secret) ?? 'malformed', 'a');
    expect(user).toMatchObject({ id: owner.id, username: 'robot', role: 'operator', credential: { kind: 'token', tokenId: token.id, readOnly: false } });
    const viaShipyardHeader = readPresentedToken(new Headers({ 'x-access-token': `Robot:${secret}` }));
    expect((await authenticateApiToken(db, viaShipyardHeader ?? 'malformed', 'a')).username).toBe('robot');
    expect((await findApiTokenById(db, token.id))?.lastUsedAt).toBeInstanceOf(Date);

    const listed = await listOwnTokens(db, session());
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(JSON.stringify(listed)).not.toMatch(/tokenHash|[a-f0-9]{64}/);
    const [created] = await searchEvents(db, { action: 'token.create', limit: 1 });
    expect(created).toMatchObject({ actor: 'robot', target: 'ci', outcome: 'success', address: '10.0.0.5', details: { expiresInDays: 30, readOnly: false } });
    expect(JSON.stringify(created)).not.toContain(secret);
  });

  it('refuses an expired token with its date, and a token named for another user', async () => {
    const { secret } = await createOwnToken(db, session(), { name: 'short', expiresInDays: 1, readOnly: false }, 'a');
    const inTwoDays = new Date(Date.now() + 2 * 86_400_000);
    await expect(authenticateApiToken(db, bearer(secret) ?? 'malformed', 'a', inTwoDays)).rejects.toThrow(/The API token "short" expired on \d{4}-/);
    const wrongUser = readPresentedToken(new Headers({ 'x-access-token': `admin:${secret}` }));
    await expect(authenticateApiToken(db, wrongUser ?? 'malformed', 'a')).rejects.toThrow('does not belong to the user named in X-Access-Token');
  });

  it('stops a revoked token at once; someone else cannot revoke it', async () => {
    const { token, secret } = await createOwnToken(db, session(), { name: 'revoke-me', expiresInDays: 5, readOnly: true }, 'a');
    const stranger = await createAccount(db, { username: 'stranger', passwordHash: HASH, role: 'admin', mustChangePassword: false });
    await expect(revokeOwnToken(db, accountUser(stranger, { kind: 'session' }), token.id, 'a')).rejects.toBeInstanceOf(NotFoundError);
    expect((await revokeOwnToken(db, session(), token.id, 'a')).status).toBe('revoked');
    const error = await authenticateApiToken(db, bearer(secret) ?? 'malformed', '192.0.2.9').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TokenRejectedError);
    expect((error as Error).message).toMatch(/^The API token "revoke-me" was revoked on /);
    const [refusal] = await searchEvents(db, { action: 'auth.token', limit: 1 });
    expect(refusal).toMatchObject({ actor: 'robot', target: 'revoke-me', outcome: 'failure', address: '192.0.2.9' });
  });

  it("stops every token of a disabled account, and works again once it is enabled", async () => {
    const { secret } = await createOwnToken(db, session(), { name: 'disable-me', expiresInDays: 5, readOnly: true }, 'a');
    await updateAccountSettings(db, owner.id, { disabled: true });
    await expect(authenticateApiToken(db, bearer(secret) ?? 'malformed', 'a')).rejects.toThrow('The account robot is disabled');
    await updateAccountSettings(db, owner.id, { disabled: false });
    expect((await authenticateApiToken(db, bearer(secret) ?? 'malformed', 'a')).credential).toMatchObject({ readOnly: true });
  });

  it('refuses unknown and malformed tokens, and a token minting another token', async () => {
    await expect(authenticateApiToken(db, bearer(`shy_${'A'.repeat(43)}`) ?? 'malformed', 'a')).rejects.toThrow('The API token is not valid');
    await expect(authenticateApiToken(db, 'malformed', 'a')).rejects.toThrow('The API token is malformed');
    const viaToken = accountUser(owner, { kind: 'token', tokenId: 'x', readOnly: false });
    await expect(createOwnToken(db, viaToken, { name: 'child', expiresInDays: 365, readOnly: false }, 'a')).rejects.toThrow('An API token cannot create API tokens');
  });
});
