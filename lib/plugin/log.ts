// A tiny leveled logger on stderr; debug lines only with --debug / IPAM_DEBUG.
export interface Logger {
  /** False when debug lines are dropped: callers skip building them. */
  readonly debugEnabled: boolean;
  debug(message: string): void;
  info(message: string): void;
  error(message: string): void;
}

export function createLogger(debug: boolean, write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const emit = (level: string, message: string) => write(`${new Date().toISOString()} ${level} ${message}\n`);
  return {
    debugEnabled: debug,
    debug: (message) => {
      if (debug) emit('debug', message);
    },
    info: (message) => emit('info', message),
    error: (message) => emit('error', message),
  };
}

export const silentLogger: Logger = { debugEnabled: false, debug: () => undefined, info: () => undefined, error: () => undefined };

/** IPAM_DEBUG=1/true/yes turns debug logging on. */
export function debugFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(1|true|yes|on)$/i.test(env.IPAM_DEBUG ?? '');
}
