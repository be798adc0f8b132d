/**
 * The one error type the API turns into a response. Each failure the user can act on is a
 * subclass with a stable `code`; the HTTP status follows from the code (see http-status.ts).
 * The base and the errors the data layer throws too live below lib and prisma-free-db, in
 * errors/app-error.ts; the console imports them from here.
 */
import { AppError } from '@/errors/app-error';

export {
  AppError,
  ConflictError,
  DatabaseUnavailableError,
  NotFoundError,
  ValidationError,
  type AppErrorCode,
  type FieldError,
} from '@/errors/app-error';

/** Too many attempts: a 429 whose Retry-After header says when the caller may try again. */
export class RateLimitedError extends AppError {
  static override readonly brand: string = 'RateLimitedError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('RATE_LIMITED', message);
  }
}
