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

// Marks every AppError, whichever copy of this module made it (see Symbol.hasInstance below).
const APP_ERROR = Symbol.for('shipyard.app-error');

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fields: FieldError[];

  constructor(code: AppErrorCode, message: string, options: { cause?: unknown; fields?: FieldError[] } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.fields = options.fields ?? [];
    Object.defineProperty(this, APP_ERROR, { value: true });
  }

  /**
   * The production build may load this module more than once (a copy per route bundle), and the
   * services made by one route are shared by all: an error made by one copy must still be an
   * AppError to another, or a 404 would be answered as a 500. The base class matches on the mark;
   * a subclass on the mark and a class of its name in the error's prototype chain (the copies are
   * built from the same source, so they name their classes alike).
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (typeof value !== 'object' || value === null || !(APP_ERROR in value)) return false;
    if (this === AppError) return true;
    for (let proto: unknown = Object.getPrototypeOf(value); typeof proto === 'object' && proto !== null; proto = Object.getPrototypeOf(proto)) {
      if (Object.hasOwn(proto, 'constructor') && (proto as { constructor: { name?: unknown } }).constructor.name === this.name) return true;
    }
    return false;
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
