// The engine accepts any API version from its minimum (1.12 for 20.10) to its own, and applies
// old behaviour for old versions (a HostConfig in a start body before 1.24). Shipyard forwards
// only versions it knows the behaviour of, pinned: the one asked for, or its newest.
import { refuse } from './refusal';

export const MIN_API_MINOR = 24;
export const MAX_API_MINOR = 41;
export const PINNED_DEFAULT_VERSION = `1.${MAX_API_MINOR}`;

export interface ResolvedVersion {
  /** The version to forward, e.g. "1.41". */
  readonly version: string;
  /** Its minor number, 41. */
  readonly minor: number;
  /** The path after the version prefix, still encoded, without the query: /containers/json. */
  readonly rest: string;
}

/** Splits /vX.Y off a path (without query); refuses versions outside 1.24–1.41 (400). */
export function resolveApiVersion(pathWithoutQuery: string): ResolvedVersion {
  const prefixed = /^\/v([0-9.]+)(\/.*)?$/.exec(pathWithoutQuery); // the engine's router: /v{version:[0-9.]+}
  if (!prefixed) return { version: PINNED_DEFAULT_VERSION, minor: MAX_API_MINOR, rest: pathWithoutQuery };
  const asked = prefixed[1] ?? '';
  const rest = prefixed[2] ?? '';
  const parts = /^(\d{1,3})\.(\d{1,3})$/.exec(asked);
  if (!parts) return refuse(400, `"v${asked}" is not an API version of the form v1.NN`, 'path');
  const major = Number(parts[1]);
  const minor = Number(parts[2]);
  if (major < 1 || (major === 1 && minor < MIN_API_MINOR)) {
    return refuse(400, `API version ${major}.${minor} is older than 1.${MIN_API_MINOR}, the oldest Shipyard forwards (older versions change how the engine reads a request, e.g. host settings in a start body)`, 'path');
  }
  if (major > 1 || minor > MAX_API_MINOR) return refuse(400, `API version ${major}.${minor} is newer than 1.${MAX_API_MINOR}, the newest Shipyard knows`, 'path');
  return { version: `1.${minor}`, minor, rest };
}
