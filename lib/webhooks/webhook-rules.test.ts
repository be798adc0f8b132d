import { describe, expect, it } from 'vitest';
import { redeploySpec, trackedReference } from './redeploy';
import { webhookIntervalSeconds, webhookRetryAfterSeconds } from './webhook-rate-limit';
import { generateWebhookToken, hashWebhookToken, isWebhookToken } from './webhook-token';
import { createWebhookSchema } from './webhook-schema';

describe('webhook tokens', () => {
  it('are random, recognizable and stored only as their hash', () => {
    const first = generateWebhookToken();
    const second = generateWebhookToken();
    expect(first.token).not.toBe(second.token);
    expect(isWebhookToken(first.token)).toBe(true);
    expect(first.hash).toBe(hashWebhookToken(first.token));
    expect(first.hash).not.toContain(first.token.slice(8));
    expect(isWebhookToken('shyhook_short')).toBe(false);
    expect(isWebhookToken(`shy_${'a'.repeat(43)}`)).toBe(false);
  });
});

describe('the webhook rate limit', () => {
  const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));
  it('lets the first call through and makes the next wait out the interval', () => {
    expect(webhookRetryAfterSeconds(null, at(0), 30)).toBe(0);
    expect(webhookRetryAfterSeconds(at(0), at(1), 30)).toBe(29);
    expect(webhookRetryAfterSeconds(at(0), at(30), 30)).toBe(0);
    expect(webhookRetryAfterSeconds(at(10), at(0), 30)).toBe(30);
  });
  it('reads its interval from the environment, within bounds', () => {
    expect(webhookIntervalSeconds({})).toBe(30);
    expect(webhookIntervalSeconds({ SHIPYARD_WEBHOOK_INTERVAL_SECONDS: '5' })).toBe(5);
    expect(webhookIntervalSeconds({ SHIPYARD_WEBHOOK_INTERVAL_SECONDS: '0' })).toBe(30);
  });
});

describe('a redeploy', () => {
  it('tracks the tag, not an old digest', () => {
    expect(trackedReference(`127.0.0.1:5031/app:v1@sha256:${'a'.repeat(64)}`)).toBe('127.0.0.1:5031/app:v1');
    expect(trackedReference('127.0.0.1:5031/app')).toBe('127.0.0.1:5031/app:latest');
  });
  it('pins the digest and forces the update, keeping the rest of the spec', () => {
    const spec = redeploySpec({ Name: 'web', TaskTemplate: { ContainerSpec: { Image: 'app:v1', Env: ['A=1'] }, ForceUpdate: 2 } }, 'app:v1@sha256:b');
    expect(spec).toEqual({ Name: 'web', TaskTemplate: { ContainerSpec: { Image: 'app:v1@sha256:b', Env: ['A=1'] }, ForceUpdate: 3 } });
  });
});

describe('the create body', () => {
  it('takes a service or a stack, not neither', () => {
    expect(createWebhookSchema.safeParse({ name: 'ci', service: 'web' }).success).toBe(true);
    expect(createWebhookSchema.safeParse({ name: 'ci', stack: 'shop' }).success).toBe(true);
    expect(createWebhookSchema.safeParse({ name: 'ci' }).success).toBe(false);
    expect(createWebhookSchema.safeParse({ name: 'ci', stack: '../x' }).success).toBe(false);
  });
});
