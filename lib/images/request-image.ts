import { AppError } from '@/lib/errors/app-error';

/**
 * The image reference from the URL's [id]: names with a registry or a namespace carry slashes,
 * which a client sends encoded (%2F); decoded here if the router has not already.
 */
export function imageParam(raw: string): string {
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new AppError('BAD_REQUEST', `"${raw}" is not a well-encoded image reference`);
  }
}
