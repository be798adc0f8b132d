// What a caller may ask of webhooks: one that redeploys a service, or every service of a stack.
import { z } from 'zod';

const name = z.string({ message: 'Name the webhook' }).trim().min(1, 'Name the webhook').max(100, 'Use at most 100 characters');

export const createWebhookSchema = z.union(
  [
    z.strictObject({ name, service: z.string().trim().min(1, 'The service id or name').max(256) }),
    z.strictObject({ name, stack: z.string().trim().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/, 'A stack name: letters, digits, _ . -') }),
  ],
  { message: 'Give a name and either service (id or name) or stack' },
);
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

/** GET /webhooks?service=<id>: one service's hooks. */
export const webhookListQuerySchema = z.strictObject({ service: z.string().trim().min(1).max(256).optional() });
