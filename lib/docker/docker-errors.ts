import { AppError } from '@/lib/errors/app-error';
import { engineAt, hideSocketPaths } from './engine-address';

/** The engine does not answer; a unix socket's path is not in the message (lib/docker/engine-address.ts). */
export class DockerUnavailableError extends AppError {
  static override readonly brand: string = 'DockerUnavailableError';
  constructor(endpoint: string, cause?: unknown) {
    const at = engineAt(endpoint);
    super(
      'DOCKER_UNAVAILABLE',
      `The Docker engine${at} is unreachable: check SHIPYARD_DOCKER and that dockerd is running${at === '' ? '' : ' there'}`,
      { cause },
    );
  }
}

export class DockerRequestError extends AppError {
  static override readonly brand: string = 'DockerRequestError';
  constructor(
    message: string,
    readonly statusCode: number,
    cause?: unknown,
  ) {
    super(statusCode === 404 ? 'NOT_FOUND' : statusCode === 409 ? 'CONFLICT' : statusCode === 400 ? 'BAD_REQUEST' : 'DOCKER_ERROR', message, { cause });
  }
}

interface DockerodeErrorShape {
  code?: unknown;
  statusCode?: unknown;
  json?: unknown;
  reason?: unknown;
  message?: unknown;
}

const unreachableCodes = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET', 'ENOTFOUND', 'EPIPE']);

/** Turns what dockerode throws into an AppError whose message a user can act on. */
export function translateDockerError(error: unknown, endpoint: string): AppError {
  if (error instanceof AppError) return error;
  const shape: DockerodeErrorShape = typeof error === 'object' && error !== null ? error : {};
  if (typeof shape.code === 'string' && unreachableCodes.has(shape.code)) return new DockerUnavailableError(endpoint, error);
  if (typeof shape.message === 'string' && /timeout/i.test(shape.message) && shape.statusCode === undefined) {
    return new DockerUnavailableError(endpoint, error);
  }
  if (typeof shape.statusCode === 'number') {
    const json = shape.json as { message?: unknown } | null | undefined;
    const detail = typeof json?.message === 'string' ? json.message : typeof shape.reason === 'string' ? shape.reason : 'request failed';
    return new DockerRequestError(`Docker: ${hideSocketPaths(detail)}`, shape.statusCode, error);
  }
  return new AppError('DOCKER_ERROR', `Docker: ${typeof shape.message === 'string' ? hideSocketPaths(shape.message) : 'unexpected error'}`, { cause: error });
}
