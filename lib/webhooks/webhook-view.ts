import type { Webhook, WebhookTarget } from '@/prisma-free-db';

/** A webhook as the API and pages show it: never the token or its hash. */
export interface WebhookView {
  id: string;
  name: string;
  target: WebhookTarget;
  createdBy: string;
  createdAt: Date;
  lastCalledAt: Date | null;
  lastOutcome: string | null;
  revokedAt: Date | null;
  status: 'active' | 'revoked';
}

export function toWebhookView(webhook: Webhook): WebhookView {
  const { id, name, target, createdBy, createdAt, lastCalledAt, lastOutcome, revokedAt } = webhook;
  return { id, name, target, createdBy, createdAt, lastCalledAt, lastOutcome, revokedAt, status: revokedAt ? 'revoked' : 'active' };
}
