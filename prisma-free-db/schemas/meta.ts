import { z } from 'zod';

export const migrationRecordSchema = z.object({
  id: z.string().startsWith('migration:'),
  kind: z.literal('migration'),
  version: z.number().int().positive(),
  name: z.string().min(1),
  appliedAt: z.date(),
});
export type MigrationRecord = z.infer<typeof migrationRecordSchema>;

export const seedMarkerSchema = z.object({
  id: z.string().startsWith('seed:'),
  kind: z.literal('seed'),
  /** 'accounts-existed': accounts were already there, so no default admin was made. */
  outcome: z.enum(['created', 'accounts-existed']),
  at: z.date(),
});
export type SeedMarker = z.infer<typeof seedMarkerSchema>;
