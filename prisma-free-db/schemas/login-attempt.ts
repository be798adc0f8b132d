import { z } from 'zod';

/** One failed sign-in: which key (a hash of username and address) failed, and when. */
export const loginAttemptSchema = z.object({
  id: z.uuid(),
  key: z.string().min(1).max(128),
  at: z.date(),
});
export type LoginAttempt = z.infer<typeof loginAttemptSchema>;
