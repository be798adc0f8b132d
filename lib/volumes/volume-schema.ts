// What a caller may ask of a host's volumes: create (the local driver; its options are admin-only,
// which the engine request policy decides), remove and prune. `host` names the engine: its host
// name or URL, as the volumes list shows it.
import { z } from 'zod';

const volumeName = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/, 'Use 1 to 128 letters, digits, dots, dashes or underscores, starting with a letter or digit');
const host = z.string().trim().min(1, 'Name the host (as the volumes list shows it)').max(512);
const labelKey = z.string().min(1).max(128);
const labels = z.record(labelKey, z.string().max(256));

export const createVolumeSchema = z.strictObject({
  name: volumeName,
  host,
  /** Only the local driver: other drivers are plugins, installed by an admin. */
  driver: z.enum(['local'], { message: 'Only the local driver is offered' }).default('local'),
  /** The local driver's type, device and o (e.g. a bind mount of a host path): admins only. */
  driverOptions: z.record(z.enum(['type', 'device', 'o'], { message: 'The local driver reads type, device and o' }), z.string().max(4096)).optional(),
  labels: labels.default({}),
});
export type CreateVolumeInput = z.infer<typeof createVolumeSchema>;

export const removeVolumeQuerySchema = z.strictObject({ host });

/** Prune one host's unused volumes; `label` (key or key=value) narrows it to the volumes carrying it. */
export const pruneVolumesSchema = z.strictObject({
  host,
  label: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9_.-]{1,128}(=[^\s]{0,256})?$/, 'Write a label as key or key=value')
    .optional(),
});
export type PruneVolumesInput = z.infer<typeof pruneVolumesSchema>;
