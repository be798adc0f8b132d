import type { LogsQuery } from './container-schema';
import type { ContainerContext } from '@/lib/engines/context';
import { clientOf } from '@/lib/engines/context-engines';
import { LogDemuxer, demuxLog } from '@/lib/docker/log-demux';
import { locateContainer } from '@/lib/engines/locate';

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
  if (!isOn(query.follow)) {
    const buffer = await clientOf(context, located.engine).containerLogs(located.inspect.Id, options);
    const text = tty ? buffer.toString('utf8') : demuxLog(buffer);
    return new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    });
  }
  const source = await clientOf(context, located.engine).followContainerLogs(located.inspect.Id, options);
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
}
