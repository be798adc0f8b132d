import { z } from 'zod';

export const OUTCOMES = ['success', 'failure'] as const;

export const eventActionSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$/, 'An action is dotted lowercase words, e.g. account.create');

export const eventDetailsSchema = z.record(
  z.string().min(1).max(64),
  z.union([z.string().max(1_000), z.number(), z.boolean()]),
);

export const eventSchema = z.object({
  id: z.uuid(),
  time: z.date(),
  // What was typed at login, too: a failed attempt records an unknown or malformed name.
  actor: z.string().min(1).max(256).nullable(),
  action: eventActionSchema,
  target: z.string().min(1).max(256).nullable(),
  outcome: z.enum(OUTCOMES),
  address: z.string().min(1).max(128).nullable(),
  details: eventDetailsSchema,
});
export type AuditEvent = z.infer<typeof eventSchema>;

/** What a caller gives recordEvent: the id is made here, the time defaults to now. */
export const eventInputSchema = eventSchema.omit({ id: true }).extend({
  time: z.date().optional(),
  target: eventSchema.shape.target.default(null),
  address: eventSchema.shape.address.default(null),
  details: eventDetailsSchema.default({}),
});
export type EventInput = z.input<typeof eventInputSchema>;
