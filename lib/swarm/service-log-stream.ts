// A service's logs followed: every task's output as server-sent events while the browser watches.
import { z } from 'zod';
import type { EngineClient } from '@/lib/docker/engine-client';
import type { DockerByteStream } from '@/lib/docker/engine-shapes';
import { onEngineStreamError } from '@/lib/docker/engine-stream';
import { LogDemuxer } from '@/lib/docker/log-demux';
import { LineSplitter } from '@/lib/docker/line-splitter';
import { parseServiceLogLine, type ServiceLogFields } from './service-log-line';
import { sseStream } from '@/lib/http/sse-stream';
import type { AppErrorCode } from '@/lib/errors/app-error';

const HEARTBEAT_MS = 15_000;

const TAIL_MESSAGE = 'tail is a whole number of lines from 1 to 5000';

/** ?tail=200&follow=1: how many lines first, and whether to keep the stream open. */
export const serviceLogsQuerySchema = z.object({
  tail: z.coerce.number({ message: TAIL_MESSAGE }).int(TAIL_MESSAGE).min(1, TAIL_MESSAGE).max(5_000, TAIL_MESSAGE).default(200),
  follow: z.enum(['1', '0', 'true', 'false'], { message: 'follow is 1 (keep the stream open) or 0' }).optional(),
});
export type ServiceLogsQuery = z.infer<typeof serviceLogsQuerySchema>;

export const isFollow = (query: ServiceLogsQuery): boolean => query.follow === '1' || query.follow === 'true';

/** The events of a followed service log: `ready`, then `line`s; `end` or `logs-error` close it. */
export type ServiceLogLineEvent = ServiceLogFields & { stream: 'stdout' | 'stderr' };
export interface ServiceLogEndEvent {
  code?: AppErrorCode;
  message: string;
}

/**
 * Turns Docker's multiplexed log stream into server-sent events, one `line` per line of a task's
 * output (stdout and stderr split apart, so a half line on one never joins the other). The Docker
 * stream is destroyed when this stream is cancelled or `signal` aborts: nothing stays open.
 */
export function serviceLogEventStream(source: DockerByteStream, signal: AbortSignal | undefined, endpoint: string): ReadableStream<Uint8Array> {
  const demuxer = new LogDemuxer();
  const splitters = { stdout: new LineSplitter(), stderr: new LineSplitter() };
  let heartbeat: NodeJS.Timeout | undefined;
  return sseStream(
    {
      stop: () => {
        clearInterval(heartbeat);
        source.destroy();
      },
      start(sink) {
        const sendLines = (stream: 'stdout' | 'stderr', lines: string[]) => {
          for (const text of lines) sink.event('line', { stream, ...parseServiceLogLine(text) } satisfies ServiceLogLineEvent);
        };
        sink.event('ready', {});
        heartbeat = setInterval(() => sink.comment('keep-alive'), HEARTBEAT_MS);
        source.on('data', (chunk: Buffer) => {
          for (const frame of demuxer.pushFrames(chunk)) sendLines(frame.stream, splitters[frame.stream].push(frame.payload));
        });
        source.on('end', () => {
          sendLines('stdout', splitters.stdout.flush());
          sendLines('stderr', splitters.stderr.flush());
          sink.event('end', { message: 'Docker ended the log stream (the service was removed or its tasks stopped)' } satisfies ServiceLogEndEvent);
          sink.close();
        });
        onEngineStreamError(source, endpoint, (translated) => {
          if (sink.closed) return;
          sink.event('logs-error', { code: translated.code, message: translated.message } satisfies ServiceLogEndEvent);
          sink.close();
        });
      },
    },
    signal,
  );
}

/**
 * Follows a service's logs: the last `tail` lines of every task, then each new line as it is
 * written. A missing service fails (404) before any event, so the caller answers with plain JSON.
 * The stream goes through the client's streaming variant (the 10 s timeout would cut a quiet one).
 */
export async function followServiceLogs(docker: EngineClient, idOrName: string, tail: number, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const service = await docker.inspectService(idOrName);
  const source = await docker.followServiceLogs(service.ID, tail);
  return serviceLogEventStream(source, signal, docker.url);
}
