// How each property of an engine body is classified for a non-admin: allowed (optionally with a
// check on its value, or a nested struct/list/map whose own properties are classified),
// admin-only, or refused. The tables in fields/ use these constructors; decode-fields.ts walks a
// body with them; the unit test over the API description checks every property has one.
import type { Permission } from '@/lib/auth/permissions';
import type { PolicyResolver } from './resolver';

/** What a check of one value sees: where it is, and how to act on the forwarded body. */
export interface FieldAt {
  /** The field's path as the refusal names it: HostConfig.Mounts[0].Type. */
  readonly path: string;
  readonly context: DecodeContext;
  /** Replaces the forwarded value (a reference, once resolved to its id). */
  readonly replace: (value: unknown) => void;
}

/** A reference found while decoding: resolved, checked and rewritten once decoding is done. */
export type PendingReference = (resolver: PolicyResolver) => Promise<void>;

export interface DecodeContext {
  /** References found while decoding, resolved and checked once the whole body is decoded. */
  readonly references: PendingReference[];
  /** Whether the caller holds a permission beyond the role's (an admin's grant); absent: nothing granted. */
  readonly holds?: (permission: Permission) => boolean;
}

/** Checks a value and returns the value to forward (canonical spelling); throws RefusedRequest. */
export type ValueCheck = (value: unknown, at: FieldAt) => unknown;

export type Fields = Readonly<Record<string, FieldRule>>;

export type FieldRule =
  | { readonly kind: 'allowed'; readonly check?: ValueCheck }
  | { readonly kind: 'struct'; readonly fields: Fields; readonly check?: (decoded: Record<string, unknown>, at: FieldAt) => void }
  | { readonly kind: 'list'; readonly of: FieldRule }
  | { readonly kind: 'map'; readonly of: FieldRule; readonly key?: (key: string, at: FieldAt, rename: (forwardedKey: string) => void) => void }
  | { readonly kind: 'admin-only'; readonly reason: string; readonly isDefault: (value: unknown) => boolean }
  /** Admin-only, unless the caller holds `permission` (granted by an admin): then decoded by `of`. */
  | { readonly kind: 'granted'; readonly permission: Permission; readonly reason: string; readonly of: FieldRule }
  | { readonly kind: 'refused'; readonly reason: string; readonly isDefault: (value: unknown) => boolean };

/** The three classes the closing note counts. */
export type Classification = 'allowed' | 'admin-only' | 'refused';

export function classificationOf(rule: FieldRule): Classification {
  if (rule.kind === 'granted') return 'admin-only';
  return rule.kind === 'admin-only' || rule.kind === 'refused' ? rule.kind : 'allowed';
}

/**
 * Go's zero value, which is what an absent field means to the engine: a field a non-admin may not
 * set may still be sent at its default (the docker CLI sends every field of HostConfig).
 */
export function isZeroValue(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value).every(isZeroValue);
  return false;
}

/** For fields where an empty list is not the default (MaskedPaths: [] unmasks /proc). */
export const isNull = (value: unknown): boolean => value === null || value === undefined;

export const allowed = (check?: ValueCheck): FieldRule => (check ? { kind: 'allowed', check } : { kind: 'allowed' });
export const struct = (fields: Fields, check?: (decoded: Record<string, unknown>, at: FieldAt) => void): FieldRule =>
  check ? { kind: 'struct', fields, check } : { kind: 'struct', fields };
export const listOf = (of: FieldRule): FieldRule => ({ kind: 'list', of });
export const mapOf = (of: FieldRule, key?: (key: string, at: FieldAt, rename: (forwardedKey: string) => void) => void): FieldRule =>
  key ? { kind: 'map', of, key } : { kind: 'map', of };
export const adminOnly = (reason: string, isDefault: (value: unknown) => boolean = isZeroValue): FieldRule => ({ kind: 'admin-only', reason, isDefault });
export const refused = (reason: string, isDefault: (value: unknown) => boolean = isZeroValue): FieldRule => ({ kind: 'refused', reason, isDefault });
export const granted = (permission: Permission, reason: string, of: FieldRule): FieldRule => ({ kind: 'granted', permission, reason, of });
