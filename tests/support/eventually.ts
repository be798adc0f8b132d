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
