import type { Registry } from '@/prisma-free-db';

/** A saved registry as the API and pages show it: never the password, sealed or not. */
export interface RegistryView {
  id: string;
  name: string;
  address: string;
  username: string;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  lastUsedAt: Date | null;
}

export function toRegistryView(registry: Registry): RegistryView {
  const { id, name, address, username, createdAt, createdBy, updatedAt, lastUsedAt } = registry;
  return { id, name, address, username, createdAt, createdBy, updatedAt, lastUsedAt };
}
