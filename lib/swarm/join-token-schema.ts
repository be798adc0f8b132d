// What a caller may ask of the join tokens: which one to rotate.
import { z } from 'zod';

export const rotateTokenSchema = z.object({
  role: z.enum(['worker', 'manager'], { message: 'Choose the worker or the manager token' }),
});
export type RotateTokenInput = z.infer<typeof rotateTokenSchema>;
