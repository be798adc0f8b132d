import { z } from 'zod';

/** One failed sign-in: which key (username and address) failed, and when. */
export const loginAttemptSchema = z.object({
  id: z.uuid(),
  key: z.string().min(1).max(400),
  at: z.date(),
});
export type LoginAttempt = z.infer<typeof loginAttemptSchema>;
