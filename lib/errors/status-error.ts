/**
 * An error that carries its own HTTP status rather than one that follows from an AppErrorCode:
 * the Docker gateway answers the docker CLI with Docker's statuses (413, 502…). renderError
 * answers it with that status as is.
 */
export class StatusError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** For a 429: sent as Retry-After. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
