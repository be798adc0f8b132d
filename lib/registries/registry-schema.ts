// What a caller may ask of saved registries: create one (the password is sealed at once) or
// change one (a password left out keeps the saved one).
import { z } from 'zod';

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::[0-9]{1,5})?$/;

/** host[:port] as images name the registry (lower case); "https://" and a trailing slash are dropped. */
export const registryAddressSchema = z
  .string({ message: 'The registry address, e.g. registry.example.com:5000' })
  .trim()
  .toLowerCase()
  .transform((value) => value.replace(/^https?:\/\//, '').replace(/\/+$/, ''))
  .pipe(z.string().min(1, 'The registry address, e.g. registry.example.com:5000').max(256).regex(HOST, 'A host name with an optional :port, e.g. registry.example.com:5000 (no path)'));

const name = z.string({ message: 'Name the registry' }).trim().min(1, 'Name the registry').max(100, 'Use at most 100 characters');
const username = z.string({ message: 'The username' }).min(1, 'The username').max(256, 'At most 256 characters');
const password = z.string({ message: 'The password' }).min(1, 'The password').max(4096, 'At most 4096 characters');

export const createRegistrySchema = z.strictObject({ name, address: registryAddressSchema, username, password });
export type CreateRegistryInput = z.infer<typeof createRegistrySchema>;

export const updateRegistrySchema = z
  .strictObject({ name: name.optional(), address: registryAddressSchema.optional(), username: username.optional(), password: password.optional() })
  .refine((input) => Object.keys(input).length > 0, { message: 'Give at least one field to change' });
export type UpdateRegistryInput = z.infer<typeof updateRegistrySchema>;

/** A saved registry chosen for a pull or a service: its id only (the caller never sees its password). */
export const registryIdSchema = z.uuid('registryId is the id of a saved registry');
