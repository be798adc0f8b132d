import { translateDockerError } from '@/lib/docker/docker-errors';
import type { LogsQuery } from './container-schema';
import type { ContainerContext } from './context';
import { LogDemuxer, demuxLog } from './log-demux';
import { locateContainer } from './locate';

const isOn = (value: string | undefined) => value === 'true' || value === '1';

function sinceSeconds(since: string | undefined): number {
  if (since === undefined) return 0;
  return /^\d+$/.test(since) ? Number(since) : Math.floor(Date.parse(since) / 1000);
}

/**
 * A container's logs as text: stdout and stderr interleaved as Docker wrote them. With follow the
 * stream stays open and each new line arrives as it is written, until `signal` aborts it.
 */
export async function containerLogs(context: ContainerContext, reference: string, query: LogsQuery, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const located = await locateContainer(context, reference, query.host);
  const tty = located.inspect.Config.Tty;
  const options = { stdout: true, stderr: true, tail: query.tail === 'all' ? undefined : Number(query.tail), since: sinceSeconds(query.since), timestamps: isOn(query.timestamps) };
  try {
    if (!isOn(query.follow)) {
      const buffer = await located.engine.docker.getContainer(located.inspect.Id).logs({ ...options, follow: false });
      const text = tty ? buffer.toString('utf8') : demuxLog(buffer);
      return new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(text));
          controller.close();
        },
      });
    }
    const source = (await located.engine.streaming.getContainer(located.inspect.Id).logs({ ...options, follow: true })) as NodeJS.ReadableStream & { destroy(): void };
    const demuxer = new LogDemuxer();
    let closed = false;
    const stop = () => {
      closed = true;
      source.destroy();
    };
    signal?.addEventListener('abort', stop, { once: true });
    return new ReadableStream({
      start(controller) {
        source.on('data', (chunk: Buffer) => {
          if (closed) return;
          for (const payload of tty ? [chunk] : demuxer.push(chunk)) controller.enqueue(new Uint8Array(payload));
        });
        source.on('end', () => {
          if (!closed) controller.close();
          closed = true;
        });
        source.on('error', (error: Error) => {
          if (!closed) controller.error(error);
          closed = true;
        });
      },
      cancel: stop,
    });
  } catch (error) {
    throw translateDockerError(error, located.engine.url);
  }
}
