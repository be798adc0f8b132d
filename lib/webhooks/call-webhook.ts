// The one unauthenticated route's work: POST /api/v1/hooks/<token>. A token that is malformed,
// unknown or revoked gets the same 404 (nothing tells them apart); a live one runs at most once
// per interval (429 with Retry-After) and redeploys as the account that made it, with that
// account's current role: a disabled account, or one that lost swarm:write, stops its hooks.
import type { Actor } from '@/lib/audit/actor';
import { audited } from '@/lib/audit/audited';
import { type Grantee, granteeGrants } from '@/lib/auth/permissions';
import { systemCaller, userCaller } from '@/lib/docker/engine-request';
import type { EngineClient } from '@/lib/docker/engine-client';
import { AppError, NotFoundError, RateLimitedError } from '@/lib/errors/app-error';
import type { RegistryKeyring } from '@/lib/registries/registry-key';
import { findAccountById, findWebhookByHash, recordWebhookCall, type DatabaseHandle, type Webhook } from '@/prisma-free-db';
import { redeployService, stackServiceIds, type RedeployResult } from './redeploy';
import { redeployStoredStack } from './stack-redeploy';
import { webhookIntervalSeconds, webhookRetryAfterSeconds } from './webhook-rate-limit';
import { hashWebhookToken, isWebhookToken } from './webhook-token';

export interface WebhookCallServices {
  docker: EngineClient;
  database: DatabaseHandle;
  keyring?: () => RegistryKeyring;
  intervalSeconds?: number;
}

class NoSuchWebhookError extends NotFoundError {
  constructor() {
    super('No such webhook');
  }
}

// Two calls in the same process at once: the second must not slip in before the first records its time.
const running = new Set<string>();

async function liveWebhook(database: DatabaseHandle, token: string): Promise<Webhook> {
  if (!isWebhookToken(token)) throw new NoSuchWebhookError();
  const hook = await findWebhookByHash(database, hashWebhookToken(token));
  if (!hook || hook.revokedAt) throw new NoSuchWebhookError();
  return hook;
}

async function redeployTargets(services: WebhookCallServices, hook: Webhook, owner: EngineClient, account: Grantee): Promise<RedeployResult[]> {
  const clients = { owner, lookup: services.docker.as(systemCaller('webhook-digest')), registries: { database: services.database, keyring: services.keyring } };
  if (hook.target.kind === 'service') return [await redeployService(clients, hook.target.serviceId)];
  // A stack the console deployed: from its latest stored file (stack-redeploy.ts).
  const stored = await redeployStoredStack(clients, services.database, hook.target.stack, account);
  if (stored) return stored;
  const ids = await stackServiceIds(owner, hook.target.stack);
  if (ids.length === 0) throw new NotFoundError(`The stack ${hook.target.stack} has no services`);
  const results: RedeployResult[] = [];
  for (const id of ids) results.push(await redeployService(clients, id));
  return results;
}

export async function callWebhook(services: WebhookCallServices, token: string, address: string, now: Date = new Date()): Promise<{ redeployed: RedeployResult[] }> {
  const hook = await liveWebhook(services.database, token);
  const interval = services.intervalSeconds ?? webhookIntervalSeconds();
  const wait = running.has(hook.id) ? interval : webhookRetryAfterSeconds(hook.lastCalledAt, now, interval);
  if (wait > 0) throw new RateLimitedError(`This webhook ran less than ${interval} s ago: try again in ${wait} s`, wait);
  running.add(hook.id);
  try {
    await recordWebhookCall(services.database, hook.id, now, 'running');
    const actor: Pick<Actor, 'username' | 'address' | 'database'> = { username: `webhook:${hook.name}`.slice(0, 256), address, database: services.database };
    const details = { webhook: hook.id, owner: hook.createdBy, target: hook.target.kind === 'service' ? hook.target.serviceName : `stack ${hook.target.stack}` };
    try {
      const redeployed = await audited(actor, { action: 'webhook.call', target: hook.id, details }, async () => {
        const account = await findAccountById(services.database, hook.accountId);
        if (!account || account.disabled || !granteeGrants(account, 'swarm:write')) {
          throw new AppError('FORBIDDEN', `The account that made this webhook (${hook.createdBy}) is gone, disabled or may no longer change services`);
        }
        return redeployTargets(services, hook, services.docker.as(userCaller(account)), account);
      }, (results) => ({ images: results.map((result) => `${result.service}=${result.image}`).join(' ').slice(0, 1000) }));
      await recordWebhookCall(services.database, hook.id, now, `redeployed ${redeployed.map((result) => result.service).join(', ')}`);
      return { redeployed };
    } catch (error) {
      await recordWebhookCall(services.database, hook.id, now, `failed: ${error instanceof AppError ? error.message : 'internal error'}`).catch(() => undefined);
      throw error;
    }
  } finally {
    running.delete(hook.id);
  }
}
