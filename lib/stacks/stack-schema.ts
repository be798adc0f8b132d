// What a caller may send to deploy, preview or update a stack, checked before anything is read.
import { z } from 'zod';
import { MAX_COMPOSE_BYTES } from '@/prisma-free-db';
import { MAX_FILE_OBJECT_BYTES } from './compose-file-objects';
import { stackNameSchema } from './stack-names';

const composeFile = z.string().min(1, 'Paste or upload a compose file').max(MAX_COMPOSE_BYTES, `A compose file is at most ${MAX_COMPOSE_BYTES / 1024} KiB`);
/** KEY=VALUE lines for the file's ${VAR}s; empty is none. */
const envFile = z.string().max(MAX_COMPOSE_BYTES, `An env file is at most ${MAX_COMPOSE_BYTES / 1024} KiB`).optional();

/**
 * The contents of the files the compose file's secrets/configs name (`file: ./db_password.txt`),
 * by that path or its base name: sent to Docker only, never returned, logged or stored.
 */
const files = z
  .record(z.string().min(1).max(255), z.string().max(MAX_FILE_OBJECT_BYTES, `A secret or config file is at most ${MAX_FILE_OBJECT_BYTES / 1024} KiB`))
  .refine((value) => Object.keys(value).length <= 64, 'At most 64 files')
  .optional();

export const deployStackSchema = z.strictObject({ name: stackNameSchema, composeFile, envFile, files });
export type DeployStackInput = z.infer<typeof deployStackSchema>;

/** A redeploy with a changed file: also what the diff before applying is computed from. */
export const updateStackSchema = z.strictObject({ composeFile, envFile, files });
export type UpdateStackInput = z.infer<typeof updateStackSchema>;
