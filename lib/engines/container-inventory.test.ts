import { describe, expect, it } from 'vitest';
import { ContainerInventory, type InventoryEventSource } from './container-inventory';
import type { EngineEventListener } from './engine-events';

/** A stand-in for one engine's event stream and its client's write announcements. */
function fakeEngine() {
  const listeners = new Set<EngineEventListener>();
  const writeListeners = new Set<() => void>();
  const events: InventoryEventSource & { connected: boolean } = {
    connected: true,
    get isConnected() {
      return this.connected;
    },
    watch: () => Promise.resolve(),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const writes = (listener: () => void) => {
    writeListeners.add(listener);
    return () => writeListeners.delete(listener);
  };
  return {
    events,
    writes,
    emit: (action: string, id: string) => listeners.forEach((listener) => listener.onEvent({ action, id })),
    disconnect: () => {
      events.connected = false;
      listeners.forEach((listener) => listener.onDisconnected?.());
    },
    reconnect: () => {
      events.connected = true;
      listeners.forEach((listener) => listener.onConnected?.());
    },
    ownWrite: () => writeListeners.forEach((listener) => listener()),
    listenerCount: () => listeners.size + writeListeners.size,
  };
}

/** A live read that counts its calls and answers what `engine` holds now. */
function liveRead(engine: string[]) {
  const counter = { calls: 0 };
  const read = () => {
    counter.calls += 1;
    return Promise.resolve([...engine]);
  };
  return { read, counter };
}

describe('ContainerInventory', () => {
  it('answers from the kept list while the stream is open and quiet', async () => {
    const fake = fakeEngine();
    const inventory = new ContainerInventory<string>(fake.events, fake.writes);
    const { read, counter } = liveRead(['a', 'b']);
    expect(await inventory.list('', read)).toEqual(['a', 'b']);
    expect(await inventory.list('', read)).toEqual(['a', 'b']);
    expect(counter.calls).toBe(1);
    expect(inventory.isFresh).toBe(true);
  });

  it("reads live after the console's own write, before any event arrives (read-your-writes)", async () => {
    const fake = fakeEngine();
    const inventory = new ContainerInventory<string>(fake.events, fake.writes);
    const engine = ['a'];
    const { read, counter } = liveRead(engine);
    await inventory.list('', read);
    engine.push('b');
    fake.ownWrite();
    expect(await inventory.list('', read)).toEqual(['a', 'b']);
    expect(counter.calls).toBe(2);
  });

  it('reads live after any container event (an out-of-band change)', async () => {
    const fake = fakeEngine();
    const inventory = new ContainerInventory<string>(fake.events, fake.writes);
    const engine = ['a', 'b'];
    const { read } = liveRead(engine);
    await inventory.list('', read);
    engine.pop();
    fake.emit('destroy', 'b');
    expect(await inventory.list('', read)).toEqual(['a']);
  });

  it('keeps nothing while the stream is down: every read is live until it is back', async () => {
    const fake = fakeEngine();
    const inventory = new ContainerInventory<string>(fake.events, fake.writes);
    const engine = ['a'];
    const { read, counter } = liveRead(engine);
    await inventory.list('', read);
    fake.disconnect();
    engine.push('b');
    expect(await inventory.list('', read)).toEqual(['a', 'b']);
    engine.push('c');
    expect(await inventory.list('', read)).toEqual(['a', 'b', 'c']);
    expect(counter.calls).toBe(3);
    fake.reconnect();
    await inventory.list('', read);
    await inventory.list('', read);
    expect(counter.calls).toBe(4);
  });

  it('does not keep a read during which something changed', async () => {
    const fake = fakeEngine();
    const inventory = new ContainerInventory<string>(fake.events, fake.writes);
    let release: (items: string[]) => void = () => undefined;
    const slow = () => new Promise<string[]>((resolve) => (release = resolve));
    const first = inventory.list('', slow);
    await Promise.resolve();
    fake.emit('start', 'x');
    release(['old']);
    expect(await first).toEqual(['old']);
    const { read, counter } = liveRead(['new']);
    expect(await inventory.list('', read)).toEqual(['new']);
    expect(counter.calls).toBe(1);
  });

  it('shares one live read between concurrent readers, but not with a reader whose write came after it began', async () => {
    const fake = fakeEngine();
    const inventory = new ContainerInventory<string>(fake.events, fake.writes);
    const { read, counter } = liveRead(['a']);
    const [one, two] = await Promise.all([inventory.list('', read), inventory.list('', read)]);
    expect(one).toEqual(['a']);
    expect(two).toEqual(['a']);
    expect(counter.calls).toBe(1);

    fake.ownWrite();
    let release: (items: string[]) => void = () => undefined;
    const before = inventory.list('', () => new Promise<string[]>((resolve) => (release = resolve)));
    await Promise.resolve();
    fake.ownWrite(); // a second caller's write while the first read runs
    const after = liveRead(['a', 'b']);
    const mine = inventory.list('', after.read);
    release(['a']);
    expect(await before).toEqual(['a']);
    expect(await mine).toEqual(['a', 'b']);
  });

  it('keeps one list per key, and stop() lets go of the stream and the client', async () => {
    const fake = fakeEngine();
    const inventory = new ContainerInventory<string>(fake.events, fake.writes);
    await inventory.list('flat', liveRead(['on flat']).read);
    const other = liveRead(['other']);
    expect(await inventory.list('', other.read)).toEqual(['other']);
    expect(other.counter.calls).toBe(1);
    expect(fake.listenerCount()).toBe(2);
    inventory.stop();
    expect(fake.listenerCount()).toBe(0);
    expect(inventory.isFresh).toBe(false);
  });
});
