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
export { onAccountChanged, onApiTokenChanged, type AccountChangeListener, type ApiTokenChangeListener } from './account-changes';
export { CorruptDocumentError, DatabaseQueryError } from './errors';
export { MIGRATIONS, migrate, type AppliedMigration, type Migration } from './migrations';
export { DEFAULT_ADMIN, seedDefaultAdmin, type SeedOptions } from './seed';
export { DEFAULT_DATABASE_NAME, INDEXES, TABLES, type TableName } from './tables';
export {
  countAccounts,
  createAccount,
  createDirectoryAccount,
  deleteAccount,
  endAccountSessions,
  findAccountById,
  findAccountByUsername,
  listAccounts,
  toPublicAccount,
  updatePassword,
  updateRole,
  updateAccountSettings,
  countActiveAdmins,
  type AccountChanges,
} from './repositories/accounts';
export {
  listEvents,
  recordEvent,
  recordEventsOnce,
  searchEvents,
  eventMatches,
  deleteEventsBefore,
  watchEvents,
  eventFilterSchema,
  MAX_EVENTS_PER_PAGE,
  MAX_EVENTS_PER_EXPORT,
  type ListEventsOptions,
  type EventFilter,
  type EventFeed,
} from './repositories/events';
export {
  createApiToken,
  deleteApiToken,
  findApiTokenByHash,
  findApiTokenById,
  listAllApiTokens,
  listApiTokensByAccount,
  revokeApiToken,
  revokeApiTokensOfAccount,
  touchApiToken,
} from './repositories/api-tokens';
export { getAuditRetention, setAuditRetention } from './repositories/settings';
export { clearLoginAttempts, deleteLoginAttempt, deleteLoginAttemptsBefore, loginAttemptTimes, recordLoginAttempt } from './repositories/login-attempts';
export { DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, retentionDaysSchema, type AuditRetention } from './schemas/settings';
export { ROLES, GRANTABLE_AREAS, grantSchema, type Account, type AccountSource, type NewAccount, type PublicAccount, type Role } from './schemas/account';
export { deleteStackRecords, findStack, findStackVersion, listStackRecords, listStackVersions, recordStackVersion } from './repositories/stacks';
export { MAX_COMPOSE_BYTES, type StackRecord, type StackVersion } from './schemas/stack';
export { type AuditEvent, type EventInput } from './schemas/event';
export { type ApiToken, type NewApiToken } from './schemas/api-token';
export { createRegistry, deleteRegistry, findRegistryById, listRegistries, touchRegistry, updateRegistry } from './repositories/registries';
export { type Registry, type NewRegistry, type RegistryChanges } from './schemas/registry';
export { createWebhook, deleteWebhook, findWebhookByHash, findWebhookById, listWebhooks, recordWebhookCall, revokeWebhook } from './repositories/webhooks';
export { type Webhook, type NewWebhook, type WebhookTarget } from './schemas/webhook';
