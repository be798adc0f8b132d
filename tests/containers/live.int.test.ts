// The live containers list, bulk actions and processes, against the real engine.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runBulkAction } from '@/lib/containers/bulk';
import { bulkSchema } from '@/lib/containers/container-schema';
import { ContainerChangeFeed, type ContainerChange } from '@/lib/containers/container-changes';
import { containerEventStream } from '@/lib/containers/container-events-stream';
import { containerProcesses } from '@/lib/containers/container-top';
import type { Actor, ContainerContext } from '@/lib/engines/context';
import { engineHandlesFrom, identify, stopEngines } from '@/lib/engines/engines';
import { listContainers } from '@/lib/containers/list-containers';
import { EngineClient } from '@/lib/docker/engine-client';
import { listEvents } from '@/prisma-free-db';
import { openTestDatabase } from '@/prisma-free-db/testing/test-database';
import { docker, dockerOk, testImage } from '../ipam/support/docker-cli';

const run = randomBytes(4).toString('hex');
const LABEL = `io.shipyard.test=live-int-${run}`;
let context: ContainerContext;
let actor: Actor;
let host: string;
let disposeDatabase: () => Promise<void>;
let getEvents: ReturnType<typeof vi.spyOn>;

function name(suffix: string): string {
  return `sylive-${run}-${suffix}`;
}

async function runContainer(suffix: string): Promise<string> {
  return dockerOk('run', '-d', '--name', name(suffix), '--label', LABEL, '--stop-timeout', '1', testImage(), 'sleep', '600');
}

/** Collects the feed's changes; next() resolves with the first one (from now on) matching. */
function collector() {
  const waiting: { match: (change: ContainerChange) => boolean; resolve: (change: ContainerChange) => void }[] = [];
  const listener = (change: ContainerChange) => {
    for (const wait of [...waiting]) {
      if (wait.match(change)) {
        waiting.splice(waiting.indexOf(wait), 1);
        wait.resolve(change);
      }
    }
  };
  return {
    listener,
    next: (match: (change: ContainerChange) => boolean) => new Promise<ContainerChange>((resolve) => waiting.push({ match, resolve })),
  };
}

beforeAll(async () => {
  context = { handles: engineHandlesFrom({ SHIPYARD_DOCKER: process.env.SHIPYARD_DOCKER }), flatNetwork: null };
  const [handle] = context.handles;
  if (!handle) throw new Error('no engine');
  getEvents = vi.spyOn(EngineClient.prototype, 'containerEvents');
  host = (await identify(handle)).identity.host;
  const database = await openTestDatabase('containers_live');
  disposeDatabase = database.dispose;
  actor = { username: 'bea', role: 'operator', address: 'test', database: database.db };
});

afterAll(async () => {
  const left = await docker('ps', '-aq', '--filter', `label=${LABEL}`);
  if (left.stdout) await docker('rm', '-f', ...left.stdout.split('\n'));
  if (context) stopEngines(context.handles);
  await disposeDatabase?.();
});

describe('live changes', () => {
  it('turns docker run, stop and rm into upsert (running), upsert (exited) and remove, over one upstream stream', async () => {
    const feed = new ContainerChangeFeed(context);
    const changes = collector();
    const unsubscribe = await feed.subscribe(changes.listener);
    const second = await feed.subscribe(() => undefined);
    await listContainers(context); // the limits cache follows the same stream
    expect(getEvents).toHaveBeenCalledTimes(1);

    const running = changes.next((change) => change.kind === 'upsert' && change.container.name === name('cli') && change.container.state === 'running');
    const id = await runContainer('cli');
    expect(await running).toMatchObject({ kind: 'upsert', id, host, container: { id, host, name: name('cli'), image: testImage() } });

    const exited = changes.next((change) => change.kind === 'upsert' && change.id === id && change.container.state === 'exited');
    await dockerOk('stop', '-t', '0', id);
    expect(await exited).toMatchObject({ kind: 'upsert', id, host });

    const renamed = changes.next((change) => change.kind === 'upsert' && change.id === id && change.container.name === name('cli2'));
    await dockerOk('rename', id, name('cli2'));
    await renamed;

    const removed = changes.next((change) => change.kind === 'remove' && change.id === id);
    await dockerOk('rm', id);
    expect(await removed).toEqual({ kind: 'remove', id, host });

    unsubscribe();
    second();
    expect(feed.listenerCount).toBe(0);
    expect(getEvents).toHaveBeenCalledTimes(1);
  });

  it('streams changes as server-sent events and drops its listener when the browser goes', async () => {
    const feed = new ContainerChangeFeed(context);
    const abort = new AbortController();
    const stream = containerEventStream(feed, abort.signal, { heartbeatMs: 50 });
    expect(feed.listenerCount).toBe(1);
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        text += decoder.decode(value);
      }
    };
    await readUntil('event: ready');
    const id = await runContainer('sse');
    await readUntil(`"id":"${id}"`);
    expect(text).toContain('event: container\ndata: {"kind":"upsert"');
    await readUntil(': keep-alive');
    abort.abort();
    expect(feed.listenerCount).toBe(0);
    let ended = false;
    while (!ended) ended = (await reader.read()).done; // what was queued before the abort, then the end
    expect(ended).toBe(true);
  });

  it("tells a browser to read its list again only when something changed since that list was read", async () => {
    const feed = new ContainerChangeFeed(context);
    const readyOf = async (since: number | undefined) => {
      const abort = new AbortController();
      const reader = containerEventStream(feed, abort.signal, { since }).getReader();
      const decoder = new TextDecoder();
      let text = '';
      while (!/event: ready\ndata: (.*)\n/.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended before ready');
        text += decoder.decode(value);
      }
      abort.abort();
      return JSON.parse(/event: ready\ndata: (.*)\n/.exec(text)?.[1] ?? '{}') as { resync: boolean };
    };
    const first = new AbortController();
    const held = containerEventStream(feed, first.signal).getReader(); // keeps the engines followed throughout
    await held.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const listedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await readyOf(listedAt)).toEqual({ resync: false }); // nothing happened since the list
    expect(await readyOf(undefined)).toEqual({ resync: true }); // no list time: always read again
    await runContainer('since');
    await expect.poll(async () => (await readyOf(listedAt)).resync, { timeout: 10_000 }).toBe(true); // a container started after the list
    first.abort();
  });
});

describe('bulk actions', () => {
  it('stops each target, reports the one that fails without stopping the others, and audits each', async () => {
    const first = await runContainer('bulk1');
    const second = await runContainer('bulk2');
    const input = bulkSchema.parse({
      action: 'stop',
      targets: [
        { id: first, host },
        { id: name('missing'), host },
        { id: second, host },
      ],
    });
    const results = await runBulkAction(context, actor, input);
    expect(results).toMatchObject([
      { id: first, ok: true, container: { state: 'exited' } },
      { id: name('missing'), ok: false, error: { code: 'NOT_FOUND' } },
      { id: second, ok: true, container: { state: 'exited' } },
    ]);
    expect(await dockerOk('inspect', '-f', '{{.State.Status}}', first)).toBe('exited');
    expect(await dockerOk('inspect', '-f', '{{.State.Status}}', second)).toBe('exited');
    const events = await listEvents(actor.database, { limit: 20 });
    const stops = events.filter((event) => event.action === 'container.stop' && event.outcome === 'success');
    expect(stops.map((event) => event.target).sort()).toEqual([`${host}/${name('bulk1')}`, `${host}/${name('bulk2')}`].sort());

    const removed = await runBulkAction(context, actor, bulkSchema.parse({ action: 'remove', targets: [{ id: first, host }, { id: second, host }] }));
    expect(removed.every((result) => result.ok)).toBe(true);
    expect((await docker('inspect', first)).code).not.toBe(0);
  });

  it('rejects an unknown action and an empty selection with their messages', () => {
    const bad = bulkSchema.safeParse({ action: 'explode', targets: [] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => issue.message).sort()).toEqual(['Select at least one container', 'action is one of start, stop, restart, remove']);
  });
});

describe('processes', () => {
  it('lists a running container’s processes as pid, user and command, and none once it stopped', async () => {
    const id = await runContainer('top');
    const processes = await containerProcesses(context, id, host);
    expect(processes).toHaveLength(1);
    expect(processes[0]).toMatchObject({ user: 'root', command: 'sleep 600' });
    expect(processes[0]?.pid).toBeGreaterThan(1);
    await dockerOk('stop', '-t', '0', id);
    expect(await containerProcesses(context, id, host)).toEqual([]);
  });
});
