import type { DockerByteStream } from '@/lib/docker/engine-shapes';
import { onEngineStreamError } from '@/lib/docker/engine-stream';
import { LineSplitter } from '@/lib/docker/line-splitter';
import { sseStream } from '@/lib/http/sse-stream';
import { ConflictError, type AppErrorCode } from '@/lib/errors/app-error';
import type { StatsShape } from './container-stats';
import type { ContainerContext } from '@/lib/engines/context';
import { clientOf } from '@/lib/engines/context-engines';
import { locateContainer } from '@/lib/engines/locate';
import { StatsRates, isEmptyReading } from './stats-rates';

export type { DockerByteStream };

/** What the `stats-error` event carries; the stream ends after it. */
export interface StatsStreamError {
  code: AppErrorCode;
  message: string;
}

/**
 * Turns Docker's stats stream (newline-delimited JSON, one reading a second) into server-sent
 * events: a `sample` event (StatsSample) per reading after the first, a `stats-error` event when
 * the container stops or Docker fails. The Docker stream is destroyed when this stream is
 * cancelled, `signal` aborts (the browser went away) or the container stopped: nothing is left open.
 */
export function statsEventStream(source: DockerByteStream, signal: AbortSignal | undefined, engineUrl: string): ReadableStream<Uint8Array> {
  const splitter = new LineSplitter();
  const rates = new StatsRates();
  return sseStream(
    {
      stop: () => source.destroy(),
      start(sink) {
        const fail = (error: StatsStreamError) => {
          sink.event('stats-error', error);
          sink.close();
        };
        sink.retry(3000);
        source.on('data', (chunk: Buffer | string) => {
          for (const line of splitter.push(chunk)) {
            if (sink.closed) return;
            let raw: StatsShape;
            try {
              raw = JSON.parse(line) as StatsShape;
            } catch {
              continue; // one unreadable reading: the next one still has every counter
            }
            if (isEmptyReading(raw)) return fail({ code: 'CONFLICT', message: 'The container is no longer running: start it to see its stats again' });
            const sample = rates.push(raw);
            if (sample) sink.event('sample', sample);
          }
        });
        source.on('end', () => fail({ code: 'DOCKER_ERROR', message: 'Docker ended the stats stream (the container stopped or was removed)' }));
        onEngineStreamError(source, engineUrl, (translated) => fail({ code: translated.code, message: translated.message }));
      },
    },
    signal,
  );
}

/**
 * A running container's live stats as server-sent events. A missing container is a 404, one
 * that is not running a 409: both before any event, so the caller gets a plain error response.
 */
export async function containerStatsStream(context: ContainerContext, reference: string, host: string | undefined, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const located = await locateContainer(context, reference, host);
  const status = located.inspect.State?.Status ?? 'unknown';
  if (status !== 'running' && status !== 'paused') {
    const name = (located.inspect.Name ?? reference).replace(/^\//, '');
    throw new ConflictError(`${name} is not running (${status}): start it to see its stats`);
  }
  const source = await clientOf(context, located.engine).followContainerStats(located.inspect.Id);
  return statsEventStream(source, signal, located.engine.url);
}
