// What a caller may ask of the audit log: its filters, and how long it keeps events.
import { z } from 'zod';
import { retentionDaysSchema } from '@/prisma-free-db';

const isoTime = (name: string) =>
  z
    .string()
    .refine((value) => !Number.isNaN(Date.parse(value)), `${name} is not a time: use ISO 8601, e.g. 2025-01-31T12:00:00Z`)
    .transform((value) => new Date(value));

const blankToUndefined = (value: unknown) => (value === '' ? undefined : value);

/** The audit log's filters (GET /events and /events/stream), as the URL gives them. */
export const eventQuerySchema = z
  .object({
    actor: z.preprocess(blankToUndefined, z.string().max(256, 'actor: at most 256 characters').optional()),
    action: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^[a-z][a-z0-9_.-]{0,127}$/, 'action is a dotted name (account.create) or a prefix ending in a dot (account.)')
        .optional(),
    ),
    outcome: z.preprocess(blankToUndefined, z.enum(['success', 'failure'], { message: 'outcome is success or failure' }).optional()),
    since: z.preprocess(blankToUndefined, isoTime('since').optional()),
    until: z.preprocess(blankToUndefined, isoTime('until').optional()),
    format: z.preprocess(blankToUndefined, z.enum(['json', 'csv'], { message: 'format is json or csv' }).default('json')),
    /** Present: the JSON answer is a download (an attachment) and may hold up to 10,000 events. */
    export: z.string().optional(),
    limit: z.preprocess(
      blankToUndefined,
      z.coerce.number({ message: 'limit is a number' }).int('limit is a whole number').min(1, 'limit is at least 1').optional(),
    ),
  })
  .strict();

/** PUT /settings/audit-retention {days}. */
export const setRetentionSchema = z.strictObject({ days: retentionDaysSchema });
