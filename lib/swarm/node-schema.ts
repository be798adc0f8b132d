// What a caller may ask of a swarm node: the update body, and the remove query (?force=).
import { z } from 'zod';

// Keys usable in a placement constraint (node.labels.<key>==value): no spaces or operators.
const labelKey = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,127}$/, 'A label key is 1 to 128 letters, digits, dots, dashes, underscores or slashes');
const labelValue = z.string().max(256, 'A label value is at most 256 characters').regex(/^[^\n\r]*$/, 'A label value is one line');

export const updateNodeSchema = z
  .strictObject({
    availability: z.enum(['active', 'pause', 'drain'], { message: 'Choose active, pause or drain' }).optional(),
    role: z.enum(['manager', 'worker'], { message: 'Choose manager (promote) or worker (demote)' }).optional(),
    /** Replaces every label. */
    labels: z.record(labelKey, labelValue).optional(),
    /** Adds or overwrites these labels, keeping the others (two editors do not undo each other). */
    addLabels: z.record(labelKey, labelValue).optional(),
    /** Removes these keys, keeping the others. */
    removeLabels: z.array(labelKey).max(100).optional(),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), {
    message: 'Give availability, role, labels, addLabels or removeLabels to change',
  });
export type UpdateNodeInput = z.infer<typeof updateNodeSchema>;

// Only ?force= is read: other query parameters are ignored, as they always were.
export const removeNodeQuerySchema = z.object({
  force: z.enum(['true', 'false'], { message: 'force is true or false' }).default('false').transform((value) => value === 'true'),
});
export type RemoveNodeQuery = z.infer<typeof removeNodeQuerySchema>;
