import { z } from 'zod';
import { tokenHashSchema } from './api-token';

/** What a webhook redeploys: one service (by id), or every service of a stack (by its namespace label). */
export const webhookTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('service'), serviceId: z.string().min(1).max(128), serviceName: z.string().min(1).max(256) }),
  z.object({ kind: z.literal('stack'), stack: z.string().min(1).max(256) }),
]);
export type WebhookTarget = z.infer<typeof webhookTargetSchema>;

export const webhookSchema = z.object({
  id: z.uuid(),
  name: z.string().trim().min(1).max(100),
  target: webhookTargetSchema,
  /** SHA-256 of the token (shown once when created). */
  tokenHash: tokenHashSchema,
  /** The hook redeploys as this account, with its role at the time of the call. */
  accountId: z.uuid(),
  createdBy: z.string().min(1).max(256),
  createdAt: z.date(),
  lastCalledAt: z.date().nullable(),
  lastOutcome: z.string().max(500).nullable(),
  revokedAt: z.date().nullable(),
});
export type Webhook = z.infer<typeof webhookSchema>;

export const newWebhookSchema = webhookSchema.pick({ name: true, target: true, tokenHash: true, accountId: true, createdBy: true });
export type NewWebhook = z.input<typeof newWebhookSchema>;
