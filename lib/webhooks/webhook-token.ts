import { createHash, randomBytes } from 'node:crypto';

/** Recognizable in logs and secret scanners; 32 random bytes behind it. */
export const WEBHOOK_TOKEN_PREFIX = 'shyhook_';
const WEBHOOK_TOKEN_PATTERN = /^shyhook_[A-Za-z0-9_-]{43}$/;

export function hashWebhookToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new token: shown once to whoever made the hook; only the hash is stored (as API tokens). */
export function generateWebhookToken(): { token: string; hash: string } {
  const token = WEBHOOK_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashWebhookToken(token) };
}

export function isWebhookToken(value: string): boolean {
  return WEBHOOK_TOKEN_PATTERN.test(value);
}

/** The hook's URL path (relative to the console's address). */
export function webhookPath(token: string): string {
  return `/api/v1/hooks/${token}`;
}
