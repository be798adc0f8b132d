// The live list's engine set, with stand-in engines: handles whose identity is already known and
// whose event streams are never opened, behind a discovery that says which engines there are.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContainerChangeFeed, type ContainerChange } from './container-changes';
import type { ContainerContext } from '@/lib/engines/context';
import { engineHandleFor, type EngineHandle } from '@/lib/engines/engines';

function standInEngine(host: string, port: number): { handle: EngineHandle; following: () => number } {
  const handle = engineHandleFor(`tcp://127.0.0.1:${port}`, {});
  handle.identity = { host, cpus: 1, memoryBytes: 1 };
  vi.spyOn(handle.events, 'watch').mockResolvedValue(undefined);
  let listeners = 0;
  const subscribe = handle.events.subscribe.bind(handle.events);
  vi.spyOn(handle.events, 'subscribe').mockImplementation((listener) => {
    listeners += 1;
    const unsubscribe = subscribe(listener);
    return () => {
      listeners -= 1;
      unsubscribe();
    };
  });
  return { handle, following: () => listeners };
}

function contextWith(manager: EngineHandle, discovered: () => EngineHandle[]): ContainerContext {
  return { handles: [manager], flatNetwork: null, discovery: { handles: async () => ({ handles: discovered(), nodes: new Map(), problems: [] }) } };
}

afterEach(() => vi.restoreAllMocks());

describe('ContainerChangeFeed engine set', () => {
  it('follows an engine that appears after the feed started and lets go of one that leaves, with a resync for its host', async () => {
    const manager = standInEngine('manager', 1);
    const worker = standInEngine('worker', 2);
    let discovered: EngineHandle[] = [];
    const feed = new ContainerChangeFeed(contextWith(manager.handle, () => discovered), { refreshMs: 3_600_000 });
    const changes: ContainerChange[] = [];
    const unsubscribe = await feed.subscribe((change) => changes.push(change));
    expect(feed.followedCount).toBe(1);
    expect([manager.following(), worker.following()]).toEqual([1, 0]);

    discovered = [worker.handle];
    await feed.refreshEngines();
    expect(feed.followedCount).toBe(2);
    expect(worker.following()).toBe(1);
    expect(changes).toEqual([{ kind: 'resync', host: 'worker' }]);

    // Nothing changed: nothing followed twice, nothing announced.
    await feed.refreshEngines();
    expect([manager.following(), worker.following()]).toEqual([1, 1]);
    expect(changes).toHaveLength(1);

    discovered = [];
    await feed.refreshEngines();
    expect(worker.following()).toBe(0);
    expect(changes).toEqual([{ kind: 'resync', host: 'worker' }, { kind: 'resync', host: 'worker' }]);

    unsubscribe();
    expect(manager.following()).toBe(0);
    expect(feed.followedCount).toBe(0);
  });

  it('looks for new engines on its own while someone listens, and stops looking when the last one leaves', async () => {
    vi.useFakeTimers();
    try {
      const manager = standInEngine('manager', 1);
      const worker = standInEngine('worker', 2);
      let discovered: EngineHandle[] = [];
      const lookups = vi.fn(() => discovered);
      const feed = new ContainerChangeFeed(contextWith(manager.handle, lookups), { refreshMs: 1_000 });
      const unsubscribe = await feed.subscribe(() => undefined);
      expect(lookups).toHaveBeenCalledTimes(1);
      discovered = [worker.handle];
      await vi.advanceTimersByTimeAsync(1_000);
      expect(lookups).toHaveBeenCalledTimes(2);
      expect(worker.following()).toBe(1);
      unsubscribe();
      await vi.advanceTimersByTimeAsync(5_000);
      expect(lookups).toHaveBeenCalledTimes(2);
      expect([manager.following(), worker.following()]).toEqual([0, 0]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not follow an engine that does not answer, and follows it once it does', async () => {
    const manager = standInEngine('manager', 1);
    const late = engineHandleFor('tcp://127.0.0.1:3', {});
    const info = vi.spyOn(late.client, 'info').mockRejectedValueOnce(new Error('connect ECONNREFUSED')).mockResolvedValue({ Name: 'late', NCPU: 1, MemTotal: 1 });
    vi.spyOn(late.events, 'watch').mockResolvedValue(undefined);
    const feed = new ContainerChangeFeed(contextWith(manager.handle, () => [late]), { refreshMs: 3_600_000 });
    const changes: ContainerChange[] = [];
    const unsubscribe = await feed.subscribe((change) => changes.push(change));
    expect(feed.followedCount).toBe(1);
    await feed.refreshEngines();
    expect(info).toHaveBeenCalledTimes(2);
    expect(feed.followedCount).toBe(2);
    expect(changes).toEqual([{ kind: 'resync', host: 'late' }]);
    unsubscribe();
  });
});
