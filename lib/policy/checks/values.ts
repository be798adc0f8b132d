// Small value checks shared by the tables: type checks that match what Go's decoder would refuse
// anyway (so the forwarded body stays what was checked), and enums compared without regard to
// case, forwarded in the API's own spelling.
import type { FieldAt, ValueCheck } from '../field-rules';
import { refuse } from '../refusal';

export function asString(value: unknown, at: FieldAt): string {
  if (typeof value !== 'string') return refuse(400, 'must be a string', at.path);
  return value;
}

export function asStringList(value: unknown, at: FieldAt): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) return refuse(400, 'must be a list of strings', at.path);
  return value as string[];
}

export function asStringMap(value: unknown, at: FieldAt): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.values(value).some((item) => typeof item !== 'string')) {
    return refuse(400, 'must be an object of strings', at.path);
  }
  return value as Record<string, string>;
}

/**
 * One of `values`, compared without regard to case (the engine upper-cases several enums before
 * looking them up, e.g. a service mount's Type), forwarded as spelled in `values`.
 */
export function oneOf(values: readonly string[], why: string): ValueCheck {
  return (value, at) => {
    const text = asString(value, at);
    const found = values.find((each) => each.toLowerCase() === text.toLowerCase());
    if (found === undefined) {
      const shown = values.map((each) => (each === '' ? '""' : each)).join(', ');
      return refuse(403, `"${text}" is not allowed (${why}); a non-admin may use: ${shown}`, at.path);
    }
    return found;
  };
}

/** A number that is 0 or more. */
export function notBelowZero(why: string): ValueCheck {
  return (value, at) => {
    if (typeof value !== 'number') return refuse(400, 'must be a number', at.path);
    if (value < 0) return refuse(403, `only an admin may set it below 0: ${why}`, at.path);
    return value;
  };
}
