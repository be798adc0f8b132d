// The error vocabulary shared by the data layer (prisma-free-db) and the console (lib, app): a
// stable code per kind of failure, a message that says what to do, and field errors. It sits
// below both and depends on nothing, so prisma-free-db needs nothing from lib. lib/errors adds
// what only the console needs (RateLimitedError) and turns any error into an HTTP answer
// (lib/errors/render-error.ts); the status follows from the code there, not here.
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'VALIDATION_FAILED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'DATABASE_UNAVAILABLE'
  | 'DOCKER_UNAVAILABLE'
  | 'DOCKER_ERROR'
  | 'ETCD_UNAVAILABLE'
  | 'INTERNAL';

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fields: FieldError[];

  constructor(code: AppErrorCode, message: string, options: { cause?: unknown; fields?: FieldError[] } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.fields = options.fields ?? [];
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

export class ValidationError extends AppError {
  constructor(message: string, fields: FieldError[]) {
    super('VALIDATION_FAILED', message, { fields });
  }
}

export class DatabaseUnavailableError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('DATABASE_UNAVAILABLE', message, { cause });
  }
}
