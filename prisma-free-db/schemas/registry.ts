import { z } from 'zod';

/** A saved registry login. The password is only ever stored sealed (AES-256-GCM, see
 *  lib/registries/registry-secret-box.ts): this layer never sees it in the clear. */
export const registrySchema = z.object({
  id: z.uuid(),
  name: z.string().trim().min(1).max(100),
  /** The registry's host[:port] as images name it (e.g. registry.example.com:5000, docker.io). */
  address: z.string().trim().min(1).max(256),
  username: z.string().min(1).max(256),
  /** "v1.<key id>.<iv>.<tag>.<ciphertext>", base64url parts. */
  sealedPassword: z.string().regex(/^v1\.[a-f0-9]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/, 'not a sealed password'),
  createdAt: z.date(),
  createdBy: z.string().min(1).max(256),
  updatedAt: z.date(),
  lastUsedAt: z.date().nullable(),
});
export type Registry = z.infer<typeof registrySchema>;

export const newRegistrySchema = registrySchema.pick({ name: true, address: true, username: true, sealedPassword: true, createdBy: true });
export type NewRegistry = z.input<typeof newRegistrySchema>;

export const registryChangesSchema = registrySchema.pick({ name: true, address: true, username: true, sealedPassword: true }).partial();
export type RegistryChanges = z.input<typeof registryChangesSchema>;
