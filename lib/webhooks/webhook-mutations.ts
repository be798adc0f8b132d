// Webhooks as the console changes them: (services, actor, input), each audited. The token is in
// the create answer once; only its hash is stored.
import type { Actor } from '@/lib/audit/actor';
import { audited } from '@/lib/audit/audited';
import { managerClientOf, type ManagerServices } from '@/lib/server/manager-services';
import { createWebhook, findAccountByUsername, listWebhooks, revokeWebhook, type DatabaseHandle, type WebhookTarget } from '@/prisma-free-db';
import { NotFoundError } from '@/lib/errors/app-error';
import type { CreateWebhookInput } from './webhook-schema';
import { generateWebhookToken, webhookPath } from './webhook-token';
import { toWebhookView, type WebhookView } from './webhook-view';

/** Every hook (revoked ones too, for the trail), or one service's. */
export async function listWebhookViews(database: DatabaseHandle, filter: { service?: string } = {}): Promise<WebhookView[]> {
  const all = (await listWebhooks(database)).map(toWebhookView);
  const service = filter.service;
  if (service === undefined) return all;
  return all.filter((hook) => hook.target.kind === 'service' && (hook.target.serviceId === service || hook.target.serviceName === service));
}

function describeTarget(target: WebhookTarget): string {
  return target.kind === 'service' ? `service ${target.serviceName}` : `stack ${target.stack}`;
}

export async function createWebhookAudited(
  services: ManagerServices,
  actor: Actor,
  input: CreateWebhookInput,
): Promise<{ webhook: WebhookView; token: string; path: string }> {
  const details: Record<string, string> = 'service' in input ? { service: input.service } : { stack: input.stack };
  return audited(
    actor,
    { action: 'webhook.create', target: input.name, details },
    async () => {
      let target: WebhookTarget;
      if ('service' in input) {
        // As the caller: a service they cannot see is no target for them.
        const service = await managerClientOf(services, actor).inspectService(input.service);
        target = { kind: 'service', serviceId: service.ID, serviceName: service.Spec.Name ?? input.service };
      } else target = { kind: 'stack', stack: input.stack };
      const account = await findAccountByUsername(actor.database, actor.username);
      if (!account) throw new NotFoundError(`No account is named ${actor.username}`);
      const { token, hash } = generateWebhookToken();
      const webhook = await createWebhook(actor.database, { name: input.name, target, tokenHash: hash, accountId: account.id, createdBy: actor.username });
      return { webhook: toWebhookView(webhook), token, path: webhookPath(token) };
    },
    (result) => ({ id: result.webhook.id, target: describeTarget(result.webhook.target) }),
  );
}

/** Revoked at once: the next call is a 404, as for a token that never existed. */
export async function revokeWebhookAudited(actor: Actor, input: { id: string }): Promise<WebhookView> {
  return audited(
    actor,
    { action: 'webhook.revoke', target: input.id },
    async () => toWebhookView(await revokeWebhook(actor.database, input.id)),
    (hook) => ({ name: hook.name }),
  );
}
