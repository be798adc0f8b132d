// One redeploy per hook per interval: a CI loop or a replayed request cannot keep a service
// restarting. The interval is SHIPYARD_WEBHOOK_INTERVAL_SECONDS (default 30).
export const DEFAULT_WEBHOOK_INTERVAL_SECONDS = 30;

export function webhookIntervalSeconds(env: Record<string, string | undefined> = process.env): number {
  const given = Number(env.SHIPYARD_WEBHOOK_INTERVAL_SECONDS);
  return Number.isInteger(given) && given >= 1 && given <= 86_400 ? given : DEFAULT_WEBHOOK_INTERVAL_SECONDS;
}

/** Seconds until the hook may run again (0: now), from its last call. */
export function webhookRetryAfterSeconds(lastCalledAt: Date | null, now: Date, intervalSeconds: number): number {
  if (lastCalledAt === null) return 0;
  const elapsedMs = now.getTime() - lastCalledAt.getTime();
  if (elapsedMs < 0) return intervalSeconds; // a clock step back: wait a whole interval
  return Math.max(0, Math.ceil((intervalSeconds * 1000 - elapsedMs) / 1000));
}
