import { randomUUID } from 'node:crypto';
import { NotFoundError } from '@/errors/app-error';
import type { DatabaseHandle } from '../connection';
import { INDEXES, TABLES } from '../tables';
import { tokenHashSchema } from '../schemas/api-token';
import { newWebhookSchema, webhookSchema, type NewWebhook, type Webhook } from '../schemas/webhook';
import { parseInput, parseRow, parseRows } from '../validate';
import { changedDocument, insertNew } from '../writes';

export async function createWebhook(db: DatabaseHandle, input: NewWebhook): Promise<Webhook> {
  const fields = parseInput(newWebhookSchema, input, 'webhook');
  const webhook = parseInput(webhookSchema, { ...fields, id: randomUUID(), createdAt: new Date(), lastCalledAt: null, lastOutcome: null, revokedAt: null }, 'webhook');
  await insertNew(db, TABLES.webhooks, webhook);
  return webhook;
}

/** Every webhook, revoked ones included, newest first. */
export async function listWebhooks(db: DatabaseHandle): Promise<Webhook[]> {
  const rows = await db.run(db.table(TABLES.webhooks).orderBy(db.r.desc('createdAt')));
  return parseRows(webhookSchema, rows, TABLES.webhooks);
}

export async function findWebhookById(db: DatabaseHandle, id: string): Promise<Webhook | null> {
  const row = await db.run(db.table(TABLES.webhooks).get(id));
  return row === null ? null : parseRow(webhookSchema, row, TABLES.webhooks);
}

/** The webhook with this token hash, revoked ones included: the caller decides. */
export async function findWebhookByHash(db: DatabaseHandle, tokenHash: string): Promise<Webhook | null> {
  const hash = parseInput(tokenHashSchema, tokenHash, 'token hash');
  const rows = await db.run(db.table(TABLES.webhooks).getAll(hash, { index: INDEXES.webhooksByHash }).limit(1));
  return rows.length === 0 ? null : parseRow(webhookSchema, rows[0], TABLES.webhooks);
}

/** Marks the webhook revoked (kept for the audit trail); revoking twice keeps the first time. */
export async function revokeWebhook(db: DatabaseHandle, id: string): Promise<Webhook> {
  const current = await findWebhookById(db, id);
  if (current === null) throw new NotFoundError(`No webhook has the id ${id}`);
  if (current.revokedAt) return current;
  const result = await db.run(db.table(TABLES.webhooks).get(id).update({ revokedAt: new Date() }, { returnChanges: true }));
  const updated = changedDocument(db, result);
  if (updated === null) throw new NotFoundError(`No webhook has the id ${id}`);
  return parseRow(webhookSchema, updated, TABLES.webhooks);
}

/** Records a call (its time is what the rate limit reads) and how it ended. */
export async function recordWebhookCall(db: DatabaseHandle, id: string, at: Date, outcome: string | null): Promise<void> {
  await db.run(db.table(TABLES.webhooks).get(id).update({ lastCalledAt: at, lastOutcome: outcome === null ? null : outcome.slice(0, 500) }));
}

export async function deleteWebhook(db: DatabaseHandle, id: string): Promise<boolean> {
  const result = await db.run(db.table(TABLES.webhooks).get(id).delete());
  return result.deleted > 0;
}
