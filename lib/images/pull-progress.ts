import type { ImageSummary } from './image-summary';

/** What Docker writes on a pull's progress stream, one JSON object per line. */
export interface DockerPullMessage {
  id?: string;
  status?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

/** The console's own pull events: what the API streams (one JSON object a line) and the page draws. */
export type PullEvent =
  | { type: 'layer'; id: string; status: string; current: number | null; total: number | null }
  | { type: 'status'; message: string }
  | { type: 'error'; message: string }
  | { type: 'done'; host: string; reference: string; image: ImageSummary | null };

/** Reshapes one Docker progress message; a message about a layer carries its id. */
export function toPullEvent(message: DockerPullMessage, reference: string, registryHost: string, login = false): PullEvent {
  if (message.error || message.errorDetail?.message) {
    return { type: 'error', message: pullErrorInWords(message.errorDetail?.message ?? message.error ?? '', reference, registryHost, login) };
  }
  const status = message.status ?? '';
  // Layer ids are 12 hex digits; "Pulling from library/busybox" carries the tag as its id instead.
  if (message.id && /^[a-f0-9]{12}$/.test(message.id)) {
    const current = message.progressDetail?.current;
    const total = message.progressDetail?.total;
    return { type: 'layer', id: message.id, status, current: typeof current === 'number' ? current : null, total: typeof total === 'number' && total > 0 ? total : null };
  }
  return { type: 'status', message: message.id ? `${status} ${message.id}`.trim() : status };
}

/** The registry part of a reference: "docker.io" when the first path part is not a host. */
export function registryOf(reference: string): string {
  const first = reference.split('/')[0] ?? '';
  return reference.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : 'docker.io';
}

/** The registry turned the pull away for want of (valid) credentials: the user's to fix, a 4xx. */
export function isAuthFailure(message: string): boolean {
  return /unauthorized|authentication required|no basic auth credentials|incorrect username or password/i.test(message);
}

/** Docker's pull errors, in words a user can act on; `login` says whether credentials were sent. */
export function pullErrorInWords(raw: string, reference: string, registryHost: string, login = false): string {
  const message = raw.trim();
  if (isAuthFailure(message)) {
    return login
      ? `The registry ${registryHost} refused the credentials: check the username and password (${message})`
      : `The registry ${registryHost} needs credentials: fill in a username and password (${message})`;
  }
  if (/server gave HTTP response to HTTPS client/i.test(message)) {
    return `The registry ${registryHost} speaks plain HTTP: add it to the engine's insecure-registries, or serve it over TLS (${message})`;
  }
  if (/no such host|server misbehaving|connection refused|dial tcp|i\/o timeout|network is unreachable|TLS handshake timeout|context deadline exceeded/i.test(message)) {
    return `The registry ${registryHost} cannot be reached from the engine: check the registry's name and that it is running (${message})`;
  }
  if (/x509|certificate/i.test(message)) {
    return `The registry ${registryHost}'s TLS certificate is not trusted by the engine (${message})`;
  }
  if (/manifest unknown|manifest for .* not found|not found: manifest|name unknown/i.test(message)) {
    return `${reference} was not found on ${registryHost}: check the repository name and the tag (${message})`;
  }
  if (/pull access denied|repository does not exist/i.test(message)) {
    return `${registryHost} has no ${reference} that this engine may pull: the repository does not exist, or it is private and needs credentials (${message})`;
  }
  if (/unauthorized|authentication required|denied|forbidden/i.test(message)) {
    return `${registryHost} refused the pull of ${reference}: it needs credentials this engine does not have (${message})`;
  }
  return `Docker could not pull ${reference} from ${registryHost}: ${message || 'no reason given'}`;
}
