import { AppError } from '@/lib/errors/app-error';

/** A path parameter that cannot be an id or name: a 400 that names it, never a 500. */
export class BadPathParameterError extends AppError {
  constructor(name: string, problem: string) {
    super('BAD_REQUEST', `The path parameter ${name} ${problem}`);
  }
}

// Docker ids, names and image references, account and token ids are far shorter.
const MAX_PARAMETER_LENGTH = 512;

/** Paths whose [id] is an image reference, which may hold slashes (registry/namespace/name:tag). */
const SLASHED_ID_PATHS = /^\/api\/v1\/images\//;

// ? and # would start a query or fragment in the URL dockerode builds; \ and control characters
// have no place in an id; U+FFFD is what a decoder leaves of invalid UTF-8.
const FORBIDDEN_CHARACTERS = new Set(['?', '#', '\\', '\u007f', '\ufffd']);

function hasForbiddenCharacter(value: string): boolean {
  for (const character of value) if (character < ' ' || FORBIDDEN_CHARACTERS.has(character)) return true;
  return false;
}

function decodedOnce(name: string, raw: string): string {
  if (!raw.includes('%')) return raw;
  // Next decodes route parameters; one it left encoded is decoded here, and only once.
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw new BadPathParameterError(name, 'is not well-encoded: bad percent-encoding or invalid UTF-8');
  }
  if (decoded.includes('%')) throw new BadPathParameterError(name, 'is encoded twice: send it percent-encoded once');
  return decoded;
}

/**
 * One route parameter as a handler may pass it on to the engine or the database: decoded, and
 * free of anything that would change the URL built from it (a query, a fragment, dot segments,
 * a slash where the route does not take one).
 */
export function checkedRouteParameter(name: string, raw: string, slashesAllowed: boolean): string {
  const value = decodedOnce(name, raw);
  if (value === '') throw new BadPathParameterError(name, 'is empty');
  if (value.length > MAX_PARAMETER_LENGTH) throw new BadPathParameterError(name, `is longer than ${MAX_PARAMETER_LENGTH} characters`);
  if (hasForbiddenCharacter(value)) throw new BadPathParameterError(name, 'may not contain ?, #, \\ or control characters');
  if (value.includes('/') && !slashesAllowed) throw new BadPathParameterError(name, 'may not contain a slash');
  if (value.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new BadPathParameterError(name, 'may not contain empty, "." or ".." segments');
  }
  return value;
}

/**
 * Every parameter of an API route checked (checkedRouteParameter), before a handler sees it:
 * withSession calls this, so no route can forget. Only an image route's id may hold slashes.
 */
export function checkedRouteParams<Params extends Record<string, string | string[]>>(params: Params | undefined, pathname: string): Params {
  const checked: Record<string, string | string[]> = {};
  // A route without dynamic segments gets no params at all from Next's production server.
  for (const [name, value] of Object.entries(params ?? {})) {
    checked[name] = Array.isArray(value)
      ? value.map((segment) => checkedRouteParameter(name, segment, false))
      : checkedRouteParameter(name, value, name === 'id' && SLASHED_ID_PATHS.test(pathname));
  }
  return checked as Params;
}

/** The route's parameters; a path Next could not decode (bad percent-encoding, invalid UTF-8) is a 400. */
export async function awaitRouteParams<Params>(params: Promise<Params>): Promise<Params> {
  try {
    return await params;
  } catch {
    throw new AppError('BAD_REQUEST', 'The request path is not well-encoded: bad percent-encoding or invalid UTF-8');
  }
}
