import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/errors/app-error';
import { CorruptDocumentError } from '../errors';
import { toPublicAccount } from '../repositories/accounts';
import { parseInput, parseRow } from '../validate';
import { accountSchema, newAccountSchema, ROLES, type Account } from './account';
import { apiTokenSchema } from './api-token';
import { eventInputSchema } from './event';

// Shaped like the bcrypt hashes bcryptjs writes (the schema checks the shape only).
const BCRYPT_HASH = '$2b$04$3uFe0Kq0Q6r4nQx8m1o1OeZkS7dWcW3C1bV0f0c8YwT5oB9S2yG6K';

const account: Account = {
  id: '7f0d3c3e-2b7a-4c3e-9a59-4f5b6c7d8e9f',
  username: 'Alice.ops',
  passwordHash: BCRYPT_HASH,
  source: 'local',
  role: 'operator',
  grants: [],
  disabled: false,
  mustChangePassword: false,
  createdAt: new Date('2025-01-01T00:00:00Z'),
  updatedAt: new Date('2025-01-02T00:00:00Z'),
  passwordChangedAt: null,
};

describe('account schema', () => {
  it('accepts a well-formed account', () => {
    expect(accountSchema.parse(account)).toEqual(account);
  });

  it.each(['ab', 'a'.repeat(65), 'has space', 'émile', 'semi;colon'])('refuses the username %j', (username) => {
    expect(() => parseInput(newAccountSchema, { ...account, username }, 'account')).toThrow(
      /username: A username has 3 to 64 letters, digits, dots, dashes or underscores/,
    );
  });

  it.each(['abc', 'a'.repeat(64), 'x_y-z.1'])('accepts the username %j', (username) => {
    expect(parseInput(newAccountSchema, { ...account, username }, 'account').username).toBe(username);
  });

  it('refuses a plain password where a hash belongs', () => {
    expect(() => parseInput(newAccountSchema, { ...account, passwordHash: 'shipyard' }, 'account')).toThrow(
      'The account is not valid: passwordHash: The password hash must be a bcrypt hash, never a plain password',
    );
  });

  it('knows exactly three roles and refuses others with the list', () => {
    expect(ROLES).toEqual(['admin', 'operator', 'viewer']);
    const error = (() => {
      try {
        parseInput(newAccountSchema, { ...account, role: 'root' }, 'account');
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual([{ path: 'role', message: 'The role must be one of: admin, operator, viewer' }]);
  });
});

describe('toPublicAccount', () => {
  it('drops the password hash and anything not public', () => {
    const withExtra = { ...account, resetToken: 'secret' } as Account;
    const shown = toPublicAccount(withExtra);
    expect(shown).not.toHaveProperty('passwordHash');
    expect(shown).not.toHaveProperty('resetToken');
    expect(JSON.stringify(shown)).not.toContain('$2b$');
    expect(shown).toEqual({
      id: account.id,
      username: 'Alice.ops',
      source: 'local',
      role: 'operator',
      grants: [],
      disabled: false,
      mustChangePassword: false,
      createdAt: account.createdAt,
      updatedAt: account.updatedAt,
      passwordChangedAt: null,
    });
  });
});

describe('directory accounts', () => {
  it('read rows without a source as local accounts, and take a directory account without a password', () => {
    const { source: _source, ...older } = account;
    expect(accountSchema.parse(older).source).toBe('local');
    expect(accountSchema.parse({ ...account, source: 'ldap', passwordHash: null })).toMatchObject({ source: 'ldap', passwordHash: null });
    expect(() => parseInput(newAccountSchema, { ...account, passwordHash: null }, 'account')).toThrow(/passwordHash/);
  });
});

describe('rows written before migration 3', () => {
  it('read as enabled accounts without grants and full-access tokens', () => {
    const { grants: _grants, disabled: _disabled, ...old } = account;
    expect(accountSchema.parse(old)).toMatchObject({ grants: [], disabled: false });
  });

  it('refuses a grant on accounts or an unknown area', () => {
    expect(accountSchema.safeParse({ ...account, grants: ['accounts:write'] }).success).toBe(false);
    expect(accountSchema.safeParse({ ...account, grants: ['root:write'] }).success).toBe(false);
    expect(accountSchema.safeParse({ ...account, grants: ['containers:write', 'images:read'] }).success).toBe(true);
  });
});

describe('reading rows', () => {
  it('names the table, the row and the field of a corrupt row', () => {
    expect(() => parseRow(accountSchema, { ...account, role: 'superuser' }, 'accounts')).toThrow(CorruptDocumentError);
    expect(() => parseRow(accountSchema, { ...account, role: 'superuser' }, 'accounts')).toThrow(
      `The accounts row "${account.id}" does not match its schema (role: The role must be one of: admin, operator, viewer): fix or delete that row in the database`,
    );
    expect(() => parseRow(accountSchema, 42, 'accounts')).toThrow('The accounts row (without an id)');
  });
});

describe('event input', () => {
  it('fills target, address and details, and leaves the time to the repository', () => {
    expect(eventInputSchema.parse({ actor: 'admin', action: 'account.create', outcome: 'success' })).toEqual({
      actor: 'admin',
      action: 'account.create',
      outcome: 'success',
      target: null,
      address: null,
      details: {},
    });
  });

  it('refuses actions that are not dotted words and details that are not flat', () => {
    expect(eventInputSchema.safeParse({ actor: null, action: 'Create Account', outcome: 'success' }).success).toBe(false);
    expect(
      eventInputSchema.safeParse({ actor: null, action: 'account.create', outcome: 'success', details: { nested: { a: 1 } } }).success,
    ).toBe(false);
    expect(eventInputSchema.safeParse({ actor: null, action: 'account.create', outcome: 'maybe' }).success).toBe(false);
  });
});

describe('api token schema', () => {
  it('requires an expiry and a SHA-256 hex hash', () => {
    const token = {
      id: account.id,
      accountId: account.id,
      name: 'ci',
      tokenHash: 'a'.repeat(64),
      createdAt: new Date(),
      expiresAt: new Date(),
      lastUsedAt: null,
      revokedAt: null,
    };
    expect(apiTokenSchema.safeParse(token).success).toBe(true);
    expect(apiTokenSchema.parse(token).readOnly).toBe(false);
    expect(apiTokenSchema.safeParse({ ...token, expiresAt: undefined }).success).toBe(false);
    expect(apiTokenSchema.safeParse({ ...token, tokenHash: 'plain-token' }).success).toBe(false);
  });
});
