import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '@/errors/app-error';
import type { DatabaseHandle } from '../connection';
import { useTestDatabase } from '../testing/use-test-database';
import { createApiToken, findApiTokenByHash, listApiTokensByAccount, revokeApiToken } from './api-tokens';

let db: DatabaseHandle;

useTestDatabase('tokens', (opened) => {
  db = opened;
});

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const inADay = () => new Date(Date.now() + 86_400_000);

describe('api tokens', () => {
  it('stores a token by hash and finds it by hash only', async () => {
    const accountId = randomUUID();
    const token = await createApiToken(db, { accountId, name: 'ci', tokenHash: sha256('secret-1'), expiresAt: inADay() });
    expect(token).toMatchObject({ accountId, name: 'ci', lastUsedAt: null, revokedAt: null });
    expect(await findApiTokenByHash(db, sha256('secret-1'))).toEqual(token);
    expect(await findApiTokenByHash(db, sha256('other'))).toBeNull();
  });

  it("lists an account's tokens, newest first, and no one else's", async () => {
    const accountId = randomUUID();
    const older = await createApiToken(db, { accountId, name: 'older', tokenHash: sha256('a'), expiresAt: inADay() });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const newer = await createApiToken(db, { accountId, name: 'newer', tokenHash: sha256('b'), expiresAt: inADay() });
    await createApiToken(db, { accountId: randomUUID(), name: 'someone else', tokenHash: sha256('c'), expiresAt: inADay() });
    expect((await listApiTokensByAccount(db, accountId)).map((token) => token.id)).toEqual([newer.id, older.id]);
  });

  it('revokes once, keeping the first revocation time', async () => {
    const token = await createApiToken(db, { accountId: randomUUID(), name: 'temp', tokenHash: sha256('d'), expiresAt: inADay() });
    const revoked = await revokeApiToken(db, token.id);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect((await revokeApiToken(db, token.id)).revokedAt).toEqual(revoked.revokedAt);
    expect((await findApiTokenByHash(db, sha256('d')))?.revokedAt).toEqual(revoked.revokedAt);
    await expect(revokeApiToken(db, randomUUID())).rejects.toBeInstanceOf(NotFoundError);
  });
});
