// What a caller may ask of swarm secrets and configs: create (the value in the body, sent to Docker
// base64; a secret's is never returned, logged or audited) and remove.
import { z } from 'zod';

const objectName = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/, 'Use 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit');
const labels = z.record(z.string().min(1).max(128), z.string().max(256)).default({});
/** Docker keeps at most 500 KB per secret or config. */
const MAX_BYTES = 500 * 1024;
const payload = (what: string) =>
  z
    .string()
    .min(1, `Give the ${what}`)
    .refine((text) => Buffer.byteLength(text, 'utf8') <= MAX_BYTES, `The ${what} is at most 500 KB`);

export const createSecretSchema = z.strictObject({ name: objectName, value: payload('secret value'), labels });
export type CreateSecretInput = z.infer<typeof createSecretSchema>;

export const createConfigSchema = z.strictObject({ name: objectName, data: payload('config data'), labels });
export type CreateConfigInput = z.infer<typeof createConfigSchema>;
