// Following a service's logs against the real swarm: a task that prints a line every second.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { closedSoon } from '@/tests/support/closed-soon';
import type { EngineClient } from '@/lib/docker/engine-client';
import type { DockerByteStream } from '@/lib/docker/engine-shapes';
import { docker, dockerOk, testImage } from '@/tests/ipam/support/docker-cli';
import { uniqueId } from '@/tests/ipam/support/fixtures';
import { testEngineClient } from '@/tests/support/docker-client';
import { eventually } from '@/tests/support/eventually';
import { SseReader } from '@/tests/support/sse-reader';
import { followServiceLogs, type ServiceLogLineEvent } from './service-log-stream';

const id = uniqueId();
const service = `sylogs-livefix-${id}`;
const marker = `written-after-follow-${id}`;

/** Records every Docker log stream the client opens (the real HTTP bodies). */
function recordLogStreams(client: EngineClient): DockerByteStream[] {
  const opened: DockerByteStream[] = [];
  const follow = client.followServiceLogs.bind(client);
  vi.spyOn(client, 'followServiceLogs').mockImplementation(async (name: string, tail: number) => {
    const stream = await follow(name, tail);
    opened.push(stream);
    return stream;
  });
  return opened;
}

/** The next `line` event whose text passes `check`. */
async function lineMatching(reader: SseReader, check: (line: ServiceLogLineEvent) => boolean): Promise<ServiceLogLineEvent> {
  for (;;) {
    const message = await reader.next(15_000);
    expect(message.event).toBe('line');
    const line = JSON.parse(message.data) as ServiceLogLineEvent;
    if (check(line)) return line;
  }
}

describe('followServiceLogs on the real swarm', () => {
  const engine = testEngineClient();
  let task = '';

  beforeAll(async () => {
    await dockerOk('service', 'create', '--detach', '--name', service, '--label', 'shipyard-test=livefix', '--constraint', 'node.role==manager', testImage(),
      'sh', '-c', 'i=0; trap "exit 0" TERM; while :; do echo tick-$i; i=$((i+1)); sleep 1; done');
    task = await eventually(
      async () => (await docker('ps', '-q', '--filter', `label=com.docker.swarm.service.name=${service}`)).stdout,
      (found) => found !== '',
    );
  });

  // Each test records its own streams: a spy on a spy would call itself.
  afterEach(() => vi.restoreAllMocks());

  afterAll(async () => {
    await docker('service', 'rm', service);
  });

  it('streams the tail, then a line written after the follow began, and the abort closes the Docker stream', async () => {
    const opened = recordLogStreams(engine);
    const abort = new AbortController();
    const reader = new SseReader(await followServiceLogs(engine, service, 1, abort.signal));
    expect((await reader.next()).event).toBe('ready');
    const first = await lineMatching(reader, (line) => line.text.startsWith('tick-'));
    expect(first.stream).toBe('stdout');

    await dockerOk('exec', task.split('\n')[0] ?? '', 'sh', '-c', `echo ${marker} > /proc/1/fd/2`);
    const written = await lineMatching(reader, (line) => line.text === marker);
    expect(written.stream).toBe('stderr');
    // The ticks keep coming: the stream is live, not a snapshot.
    const later = await lineMatching(reader, (line) => line.text.startsWith('tick-'));
    expect(Number(later.text.slice(5))).toBeGreaterThan(Number(first.text.slice(5)));

    expect(opened).toHaveLength(1);
    const source = opened[0] as DockerByteStream & { destroyed?: boolean };
    expect(source.destroyed).toBe(false);
    abort.abort();
    expect(await closedSoon(source)).toBe(true);
    await expect(reader.next(2_000)).rejects.toThrow('the event stream ended');
  });

  it('closes the Docker stream when the reader cancels, and refuses a missing service with a 404 before any event', async () => {
    const opened = recordLogStreams(engine);
    const reader = new SseReader(await followServiceLogs(engine, service, 1, new AbortController().signal));
    expect((await reader.next()).event).toBe('ready');
    await lineMatching(reader, (line) => line.text.startsWith('tick-'));
    await reader.cancel();
    const source = opened[0];
    if (!source) throw new Error('no Docker log stream was opened');
    expect(await closedSoon(source)).toBe(true);

    await expect(followServiceLogs(engine, `${service}-missing`, 10)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
