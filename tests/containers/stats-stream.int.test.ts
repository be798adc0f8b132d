// The live stats stream against the real engine: a busybox container spinning on one core.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closedSoon } from '@/tests/support/closed-soon';
import type { ContainerContext } from '@/lib/engines/context';
import { engineHandlesFrom, identify, stopEngines, type Engine } from '@/lib/engines/engines';
import type { StatsSample } from '@/lib/containers/stats-rates';
import { containerStatsStream, type DockerByteStream, type StatsStreamError } from '@/lib/containers/stats-stream';
import { SseReader } from '../support/sse-reader';
import { docker, dockerOk, testImage } from '../ipam/support/docker-cli';

const run = randomBytes(4).toString('hex');
const LABEL = `io.shipyard.test=charts-int-${run}`;
let context: ContainerContext;
let engine: Engine;

function name(suffix: string): string {
  return `sycharts-${run}-${suffix}`;
}

/** A container busy on core 0 only (a shell loop), so core 1 stays idle in its per-core figures. */
async function runBusy(suffix: string): Promise<string> {
  return dockerOk('run', '-d', '--name', name(suffix), '--label', LABEL, '--cpuset-cpus', '0', '--stop-timeout', '1', testImage(), 'sh', '-c', 'while :; do :; done');
}

/** Records every Docker stats stream the engine's client opens (the real streams). */
function recordStatsStreams(): DockerByteStream[] {
  const opened: DockerByteStream[] = [];
  const follow = engine.client.followContainerStats.bind(engine.client);
  vi.spyOn(engine.client, 'followContainerStats').mockImplementation(async (id: string) => {
    const stream = await follow(id);
    opened.push(stream);
    return stream;
  });
  return opened;
}


beforeAll(async () => {
  context = { handles: engineHandlesFrom({ SHIPYARD_DOCKER: process.env.SHIPYARD_DOCKER }), flatNetwork: null };
  const [handle] = context.handles;
  if (!handle) throw new Error('no engine');
  engine = await identify(handle);
});

afterAll(async () => {
  vi.restoreAllMocks();
  const left = await docker('ps', '-aq', '--filter', `label=${LABEL}`);
  if (left.stdout) await docker('rm', '-f', ...left.stdout.split('\n'));
  if (context) stopEngines(context.handles);
});

describe('containerStatsStream', () => {
  it('yields a sample a second with CPU and memory above 0 and one per-core value per online CPU', async () => {
    const id = await runBusy('busy');
    const abort = new AbortController();
    const reader = new SseReader(await containerStatsStream(context, name('busy'), engine.identity.host, abort.signal));
    const samples: StatsSample[] = [];
    while (samples.length < 3) {
      const message = await reader.next(10_000);
      expect(message.event).toBe('sample');
      samples.push(JSON.parse(message.data) as StatsSample);
    }
    abort.abort();
    for (const sample of samples) {
      expect(sample.cpuPercent).toBeGreaterThan(0);
      expect(sample.memoryBytes).toBeGreaterThan(0);
      expect(sample.memoryLimitBytes).toBeGreaterThan(0);
      expect(sample.onlineCpus).toBe(engine.identity.cpus);
      expect(sample.perCorePercent).toHaveLength(engine.identity.cpus);
      // --cpuset-cpus 0: the loop never runs on another core.
      if (engine.identity.cpus > 1) expect(sample.perCorePercent?.[1]).toBeLessThan(sample.perCorePercent?.[0] ?? 0);
      expect(sample.networkRxPerSecond).toBeGreaterThanOrEqual(0);
    }
    // Samples come from consecutive readings, about a second apart.
    const gaps = samples.slice(1).map((sample, index) => Date.parse(sample.read) - Date.parse(samples[index]?.read ?? ''));
    for (const gap of gaps) expect(gap).toBeGreaterThan(500);
    await dockerOk('rm', '-f', id);
  });

  it('refuses a stopped container with a 409 naming it, and a missing one with a 404', async () => {
    await dockerOk('create', '--name', name('stopped'), '--label', LABEL, testImage(), 'true');
    await expect(containerStatsStream(context, name('stopped'), engine.identity.host)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `${name('stopped')} is not running (created): start it to see its stats`,
    });
    await expect(containerStatsStream(context, name('missing'), engine.identity.host)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await dockerOk('rm', '-f', name('stopped'));
  });

  it('destroys the Docker stream when the client goes away (abort or cancel)', async () => {
    await runBusy('leak');
    const opened = recordStatsStreams();
    try {
      const abort = new AbortController();
      const aborted = new SseReader(await containerStatsStream(context, name('leak'), engine.identity.host, abort.signal));
      expect((await aborted.next()).event).toBe('sample');
      const first = opened[0];
      if (!first) throw new Error('no Docker stats stream was opened');
      expect((first as { destroyed?: boolean }).destroyed).toBe(false);
      abort.abort();
      expect(await closedSoon(first)).toBe(true);

      const cancelled = new SseReader(await containerStatsStream(context, name('leak'), engine.identity.host, new AbortController().signal));
      expect((await cancelled.next()).event).toBe('sample');
      const second = opened[1];
      if (!second) throw new Error('no second Docker stats stream was opened');
      await cancelled.cancel();
      expect(await closedSoon(second)).toBe(true);
      expect(opened).toHaveLength(2);
    } finally {
      vi.restoreAllMocks();
    }
    await dockerOk('rm', '-f', name('leak'));
  });

  it('ends with a stats-error event when the container stops while followed', async () => {
    await runBusy('stops');
    const opened = recordStatsStreams();
    try {
      const reader = new SseReader(await containerStatsStream(context, name('stops'), engine.identity.host, new AbortController().signal));
      expect((await reader.next()).event).toBe('sample');
      await dockerOk('kill', name('stops'));
      let message = await reader.next(15_000);
      while (message.event === 'sample') message = await reader.next(15_000);
      expect(message.event).toBe('stats-error');
      expect((JSON.parse(message.data) as StatsStreamError).message).toMatch(/no longer running|ended the stats stream/);
      await expect(reader.next(2_000)).rejects.toThrow('the event stream ended');
      const source = opened[0];
      if (!source) throw new Error('no Docker stats stream was opened');
      expect(await closedSoon(source)).toBe(true);
    } finally {
      vi.restoreAllMocks();
    }
    await dockerOk('rm', '-f', name('stops'));
  });
});
