import type { AppError } from '@/lib/errors/app-error';
import { translateDockerError } from './docker-errors';

/**
 * Calls `onError` with the failure of an engine's stream (followed logs, stats, events) in words,
 * as an AppError naming the engine: a stream fails after its request succeeded, so the client's
 * methods cannot translate it for the caller.
 */
export function onEngineStreamError(source: NodeJS.ReadableStream, engineUrl: string, onError: (error: AppError) => void): void {
  source.on('error', (error: unknown) => onError(translateDockerError(error, engineUrl)));
}
