/**
 * Every table, index and meta key name in one place, so a typo is a compile error and a
 * rename is one edit.
 */
export const TABLES = {
  accounts: 'accounts',
  /** Primary key = lowercased username: RethinkDB has no unique secondary index, so the
   *  insert of this row (conflict: 'error') is what makes a username unique. */
  accountNames: 'account_names',
  /** The audit log. */
  events: 'events',
  /** Migration records and the seed marker. */
  meta: 'meta',
  apiTokens: 'api_tokens',
  /** Console-wide settings, one row per setting (primary key id, e.g. "audit-retention"). */
  settings: 'settings',
  /** Failed sign-ins, one row each, shared by every console process (the login rate limit). */
  loginAttempts: 'login_attempts',
  /** Saved registry logins; the password encrypted (lib/registries/registry-secret-box.ts). */
  registries: 'registries',
  /** Redeploy webhooks: the token's hash, never the token. */
  webhooks: 'webhooks',
  /** Compose stacks the console deployed, one row each (primary key: the stack's name). */
  stacks: 'stacks',
  /** Every deploy of a stack (primary key `<stack>:<version>`): who, when, the files. */
  stackVersions: 'stack_versions',
} as const;

export type TableName = (typeof TABLES)[keyof typeof TABLES];

export const PRIMARY_KEYS = {
  accountNames: 'name',
} as const;

export const INDEXES = {
  /** On the lowercased username, so lookups and ordering ignore case. */
  accountsByUsername: 'username',
  eventsByTime: 'time',
  eventsByActor: 'actor',
  apiTokensByAccount: 'account_id',
  apiTokensByHash: 'token_hash',
  /** The rate-limit key: lowercased username and client address. */
  loginAttemptsByKey: 'key',
  webhooksByHash: 'token_hash',
  stackVersionsByStack: 'stack',
} as const;

export const DEFAULT_DATABASE_NAME = 'shipyard';

export const META_KEYS = {
  /** Present once the default admin was created (or deliberately not created): the seed
   *  never runs again, so a changed or deleted admin never comes back. */
  seedMarker: 'seed:default-admin',
  migration: (version: number): string => `migration:${String(version).padStart(4, '0')}`,
} as const;
