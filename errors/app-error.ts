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
  | 'REGISTRY_KEY_MISSING'
  | 'INTERNAL';

export interface FieldError {
  path: string;
  message: string;
}

// Marks every AppError with the brands of its classes, whichever copy of this module made it
// (see Symbol.hasInstance below).
const APP_ERROR = Symbol.for('shipyard.app-error');

export class AppError extends Error {
  /** A stable name for instanceof across copies of the module (minified class names differ). */
  static readonly brand: string = 'AppError';
  readonly code: AppErrorCode;
  readonly fields: FieldError[];

  constructor(code: AppErrorCode, message: string, options: { cause?: unknown; fields?: FieldError[] } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.fields = options.fields ?? [];
    const brands: string[] = [];
    for (let type: unknown = new.target; typeof type === 'function'; type = Object.getPrototypeOf(type)) {
      if (Object.hasOwn(type, 'brand')) brands.push(String(Reflect.get(type, 'brand')));
    }
    Object.defineProperty(this, APP_ERROR, { value: brands });
  }

  /**
   * The production build may load this module more than once (a copy per route bundle), and the
   * services made by one route are shared by all: an error made by one copy must still be an
   * AppError to another, or a 404 would be answered as a 500. A class matches an error of another
   * copy when the error carries the class's own brand; a subclass without a brand of its own
   * matches only errors of its own copy.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (typeof value !== 'object' || value === null || !Object.hasOwn(this, 'brand')) return false;
    const brands: unknown = (value as { [APP_ERROR]?: unknown })[APP_ERROR];
    return Array.isArray(brands) && brands.includes(this.brand);
  }
}

export class NotFoundError extends AppError {
  static override readonly brand: string = 'NotFoundError';
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

export class ConflictError extends AppError {
  static override readonly brand: string = 'ConflictError';
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

export class ValidationError extends AppError {
  static override readonly brand: string = 'ValidationError';
  constructor(message: string, fields: FieldError[]) {
    super('VALIDATION_FAILED', message, { fields });
  }
}

export class DatabaseUnavailableError extends AppError {
  static override readonly brand: string = 'DatabaseUnavailableError';
  constructor(message: string, cause?: unknown) {
    super('DATABASE_UNAVAILABLE', message, { cause });
  }
}
