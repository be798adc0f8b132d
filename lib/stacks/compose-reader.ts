// Typed reads of a parsed compose document, each failure naming the path it was read from.
import { ComposeFileError } from './compose-error';

export type ComposeMap = Readonly<Record<string, unknown>>;

export function isMap(value: unknown): value is ComposeMap {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function mapAt(value: unknown, path: string): ComposeMap {
  if (value === undefined || value === null) return {};
  if (!isMap(value)) throw new ComposeFileError(path, 'expected a mapping');
  return value;
}

export function stringAt(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new ComposeFileError(path, 'expected a string');
}

export function booleanAt(value: unknown, path: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new ComposeFileError(path, 'expected true or false');
}

export function integerAt(value: unknown, path: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) throw new ComposeFileError(path, 'expected a whole number, 0 or more');
  return number;
}

export function numberAt(value: unknown, path: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) throw new ComposeFileError(path, 'expected a number');
  return number;
}

export function stringListAt(value: unknown, path: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new ComposeFileError(path, 'expected a list');
  return value.map((item, index) => stringAt(item, `${path}[${index}]`) ?? '');
}

/** A string or a list of strings ("dns: 8.8.8.8" or a list). */
export function stringOrListAt(value: unknown, path: string): string[] | undefined {
  return typeof value === 'string' ? [value] : stringListAt(value, path);
}

/**
 * A list of `KEY<separator>VALUE` or a mapping (environment, labels, sysctls, extra_hosts), as
 * key → value; a list item without the separator (or a mapping's null) has no value (null).
 */
export function keyValuesAt(value: unknown, path: string, separator = '='): Map<string, string | null> {
  const result = new Map<string, string | null>();
  if (value === undefined || value === null) return result;
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const text = stringAt(item, `${path}[${index}]`) ?? '';
      const at = text.indexOf(separator);
      if (at < 0) result.set(text, null);
      else result.set(text.slice(0, at), text.slice(at + separator.length));
    });
    return result;
  }
  for (const [key, item] of Object.entries(mapAt(value, path))) result.set(key, stringAt(item, `${path}.${key}`) ?? null);
  return result;
}

/** keyValuesAt where a key without a value is an empty string (labels: docker reads them so). */
export function labelsAt(value: unknown, path: string): Record<string, string> {
  return Object.fromEntries([...keyValuesAt(value, path)].map(([key, item]) => [key, item ?? '']));
}
