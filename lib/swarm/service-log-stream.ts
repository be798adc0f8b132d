// A service's logs followed: every task's output as server-sent events while the browser watches.
import type Docker from 'dockerode';
import { z } from 'zod';
import { LogDemuxer } from '@/lib/containers/log-demux';
import type { DockerByteStream } from '@/lib/containers/stats-stream';
import { translateDockerError } from '@/lib/docker/docker-errors';
import { LineSplitter } from '@/lib/docker/line-splitter';
import { sseStream } from '@/lib/http/sse-stream';
import type { AppErrorCode } from '@/lib/errors/app-error';
import type { ServiceShape } from './service-view';

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
export interface ServiceLogLineEvent {
  stream: 'stdout' | 'stderr';
  text: string;
}
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
          for (const text of lines) sink.event('line', { stream, text } satisfies ServiceLogLineEvent);
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
        source.on('error', (error: unknown) => {
          if (sink.closed) return;
          const translated = translateDockerError(error, endpoint);
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
 * `streaming` is a client without a timeout (the default one would cut a quiet stream).
 */
export async function followServiceLogs(
  clients: { docker: Docker; streaming: Docker },
  endpoint: string,
  idOrName: string,
  tail: number,
  signal?: AbortSignal,
): Promise<ReadableStream<Uint8Array>> {
  let source: DockerByteStream;
  try {
    const service = (await clients.docker.getService(idOrName).inspect()) as ServiceShape;
    const output: unknown = await clients.streaming.getService(service.ID).logs({ stdout: true, stderr: true, follow: true, tail });
    source = output as DockerByteStream;
  } catch (error) {
    throw translateDockerError(error, endpoint);
  }
  return serviceLogEventStream(source, signal, endpoint);
}
