// What a caller may ask of an image: pull, tag, and the remove query. Checked before anything reaches Docker.
import { z } from 'zod';
import { hostSchema, isImageReference, repositorySchema, tagSchema } from './reference';

export const pullImageSchema = z.strictObject({
  image: z
    .string({ message: 'An image to pull, e.g. busybox or registry:5000/team/app:v2' })
    .trim()
    .min(1, 'An image to pull, e.g. busybox or registry:5000/team/app:v2')
    .refine((value) => isImageReference(value) && !/^(sha256:)?[a-f0-9]{64}$/.test(value), 'A lower-case image name with an optional registry host:port and :tag, e.g. registry:5000/team/app:v2'),
  tag: tagSchema.optional(),
  host: hostSchema,
  // For a private registry: used for this one pull, never stored, logged, audited or returned.
  username: z.string().min(1, 'A username, or leave both username and password empty').max(256, 'At most 256 characters').optional(),
  password: z.string().min(1, 'A password, or leave both username and password empty').max(4096, 'At most 4096 characters').optional(),
  // A saved registry's id: its login is opened server-side for this pull (lib/registries).
  registryId: z.uuid('registryId is the id of a saved registry').optional(),
}).superRefine((value, context) => {
  if (value.registryId !== undefined && value.username !== undefined) {
    context.addIssue({ code: 'custom', path: ['registryId'], message: 'Give a saved registry or a username and password, not both' });
  }
  if ((value.username === undefined) === (value.password === undefined)) return;
  const missing = value.username === undefined ? 'username' : 'password';
  context.addIssue({ code: 'custom', path: [missing], message: 'A registry login needs both a username and a password' });
});

export type PullImageInput = z.infer<typeof pullImageSchema>;

export const tagImageSchema = z.strictObject({
  repository: repositorySchema,
  tag: tagSchema.default('latest'),
  host: hostSchema,
});

export type TagImageInput = z.infer<typeof tagImageSchema>;

/** DELETE /images/{id}?force= (host is read apart); force is admin-only. */
export const removeImageQuerySchema = z.object({
  force: z
    .enum(['true', 'false', '1', '0'], { message: 'force is true or false' })
    .optional()
    .transform((value) => value === 'true' || value === '1'),
});
