import { z } from 'zod';

/** The largest compose file (and env file) a stack keeps: far above any hand-written file. */
export const MAX_COMPOSE_BYTES = 256 * 1024;

/** One deploy of a stack: who, when, and the files as they were given. */
export const stackVersionSchema = z.object({
  /** `<stack>:<version>`: the insert of this id (conflict: 'error') makes each version number once. */
  id: z.string().min(3),
  stack: z.string().min(1).max(63),
  version: z.number().int().min(1),
  composeFile: z.string().max(MAX_COMPOSE_BYTES),
  /** Sealed (envFileSealed) with the registry key; older versions kept it in clear. */
  envFile: z.string().max(MAX_COMPOSE_BYTES * 2).nullable(),
  envFileSealed: z.literal(true).optional(),
  /** An env file was given, but not kept: the console had no key to seal it with. */
  envFileNotStored: z.literal(true).optional(),
  /** The paths of the files given for secrets/configs (never their contents). */
  givenFiles: z.array(z.string().max(255)).max(64).optional(),
  deployedBy: z.string().min(1),
  deployedAt: z.date(),
});
export type StackVersion = z.infer<typeof stackVersionSchema>;

/** A stack the console deployed: its name and latest version (the files are in its versions). */
export const stackRecordSchema = z.object({
  id: z.string().min(1).max(63),
  version: z.number().int().min(1),
  updatedAt: z.date(),
  updatedBy: z.string().min(1),
  createdAt: z.date(),
});
export type StackRecord = z.infer<typeof stackRecordSchema>;
