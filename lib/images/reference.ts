import { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';

// What Docker accepts as an image reference: [registry[:port]/]path[:tag][@digest], or an id.
// Checked before it goes into a URL, so no path tricks reach the engine.
const NAME = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?::[0-9]{1,5})?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const ID = /^(sha256:)?[a-f0-9]{12,64}$/;

/** Splits name[:tag][@digest]; the tag's colon is the last one after the last slash. */
export function splitReference(reference: string): { name: string; tag?: string; digest?: string } {
  const [withoutDigest, digest] = reference.split('@', 2) as [string, string | undefined];
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  if (colon > slash) return { name: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1), digest };
  return { name: withoutDigest, digest };
}

export function isImageReference(reference: string): boolean {
  if (ID.test(reference)) return true;
  if (reference.length > 255) return false;
  const { name, tag, digest } = splitReference(reference);
  return NAME.test(name) && (tag === undefined || TAG.test(tag)) && (digest === undefined || DIGEST.test(digest));
}

export function assertImageReference(reference: string): void {
  if (!isImageReference(reference)) {
    throw new AppError('BAD_REQUEST', `"${reference}" is not an image id or name (lower-case name[:tag], e.g. busybox:1.36 or registry:5000/team/app:v2)`);
  }
}

export const repositorySchema = z
  .string({ message: 'A repository name, e.g. team/app or registry:5000/team/app' })
  .trim()
  .min(1, 'A repository name, e.g. team/app')
  .max(255, 'At most 255 characters')
  .regex(NAME, 'Lower-case letters, digits, . _ - separated by /, with an optional registry host:port first');

export const tagSchema = z.string().trim().regex(TAG, 'A tag: letters, digits, _ . - (at most 128, not starting with . or -)');

export const hostSchema = z.string().trim().min(1).max(255).optional();
