import { describe, expect, it } from 'vitest';
import type { EngineEventListener } from './engine-events';
import { LimitsCache, type LimitsEventSource } from './limits-cache';

/** A stand-in for one engine's event stream: the real one is exercised by the containers integration tests. */
function fakeEvents() {
  const listeners = new Set<EngineEventListener>();
  const source: LimitsEventSource & { connected: boolean } = {
    connected: true,
    get isConnected() {
      return this.connected;
    },
    watch: () => Promise.resolve(),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => undefined,
  };
  const emit = (action: string, id: string) => listeners.forEach((listener) => listener.onEvent({ action, id }));
  const disconnect = () => {
    source.connected = false;
    listeners.forEach((listener) => listener.onDisconnected?.());
  };
  return { source, emit, disconnect };
}

const old = { cpus: 1, cpuset: null, memoryBytes: null };
const fresh = { cpus: 2, cpuset: '0', memoryBytes: 64 * 1024 * 1024 };

describe('LimitsCache', () => {
  it('keeps what an inspect read while nothing changed', () => {
    const { source } = fakeEvents();
    const cache = new LimitsCache(source);
    cache.set('a', fresh, cache.currentGeneration);
    expect(cache.get('a')).toEqual(fresh);
  });

  it('drops an inspect that started before an update event of the container', () => {
    const { source, emit } = fakeEvents();
    const cache = new LimitsCache(source);
    const marker = cache.currentGeneration; // the inspect starts and reads the old limits…
    emit('update', 'a'); // …the update lands before its answer is stored
    cache.set('a', old, marker);
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', fresh, cache.currentGeneration); // the next list inspects again
    expect(cache.get('a')).toEqual(fresh);
  });

  it('forgets a container on update and destroy, and everything when the stream drops', () => {
    const { source, emit, disconnect } = fakeEvents();
    const cache = new LimitsCache(source);
    cache.set('a', fresh, cache.currentGeneration);
    cache.set('b', fresh, cache.currentGeneration);
    emit('destroy', 'a');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toEqual(fresh);
    emit('start', 'b');
    expect(cache.get('b')).toEqual(fresh);
    disconnect();
    expect(cache.get('b')).toBeUndefined();
    cache.set('b', fresh, cache.currentGeneration);
    expect(cache.get('b')).toBeUndefined(); // nothing is trusted while the stream is down
  });
});
