// The public API of the data layer. Import from '@/prisma-free-db', not from its files.
export {
  connectDatabase,
  formatServers,
  parseServers,
  pingDatabase,
  type ConnectOptions,
  type DatabaseHandle,
  type ServerAddress,
} from './connection';
export { CorruptDocumentError, DatabaseQueryError } from './errors';
export { MIGRATIONS, migrate, type AppliedMigration, type Migration } from './migrations';
export { DEFAULT_ADMIN, seedDefaultAdmin, type SeedOptions } from './seed';
export { DEFAULT_DATABASE_NAME, INDEXES, TABLES, type TableName } from './tables';
export {
  countAccounts,
  createAccount,
  deleteAccount,
  findAccountById,
  findAccountByUsername,
  listAccounts,
  toPublicAccount,
  updatePassword,
  updateRole,
} from './repositories/accounts';
export { listEvents, recordEvent, MAX_EVENTS_PER_PAGE, type ListEventsOptions } from './repositories/events';
export { createApiToken, findApiTokenByHash, listApiTokensByAccount, revokeApiToken } from './repositories/api-tokens';
export { ROLES, type Account, type NewAccount, type PublicAccount, type Role } from './schemas/account';
export { type AuditEvent, type EventInput } from './schemas/event';
export { type ApiToken, type NewApiToken } from './schemas/api-token';
