import { expect } from 'vitest';

/** Polls until `check` holds (the engine acts asynchronously, e.g. swarm tasks), or fails with the last value. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  let last: T = await read();
  for (let attempt = 0; attempt < 120 && !check(last); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    last = await read();
  }
  expect(check(last), JSON.stringify(last)).toBe(true);
  return last;
}

/** Retries `read` until it succeeds, as a user trying again would, for up to `seconds`; its value and how long that took. */
export async function retryUntil<T>(read: () => Promise<T>, seconds: number, intervalMs = 200): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  for (;;) {
    try {
      return { value: await read(), ms: Date.now() - started };
    } catch (error) {
      if (Date.now() - started > seconds * 1000) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
