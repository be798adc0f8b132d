import { randomUUID } from 'node:crypto';
import { NotFoundError } from '@/errors/app-error';
import type { DatabaseHandle } from '../connection';
import { TABLES } from '../tables';
import { newRegistrySchema, registryChangesSchema, registrySchema, type NewRegistry, type Registry, type RegistryChanges } from '../schemas/registry';
import { parseInput, parseRow, parseRows } from '../validate';
import { changedDocument, insertNew } from '../writes';

export async function createRegistry(db: DatabaseHandle, input: NewRegistry): Promise<Registry> {
  const fields = parseInput(newRegistrySchema, input, 'registry');
  const now = new Date();
  const registry = parseInput(registrySchema, { ...fields, id: randomUUID(), createdAt: now, updatedAt: now, lastUsedAt: null }, 'registry');
  await insertNew(db, TABLES.registries, registry);
  return registry;
}

/** Every saved registry, by name. */
export async function listRegistries(db: DatabaseHandle): Promise<Registry[]> {
  const rows = await db.run(db.table(TABLES.registries).orderBy('name'));
  return parseRows(registrySchema, rows, TABLES.registries);
}

export async function findRegistryById(db: DatabaseHandle, id: string): Promise<Registry | null> {
  const row = await db.run(db.table(TABLES.registries).get(id));
  return row === null ? null : parseRow(registrySchema, row, TABLES.registries);
}

export async function updateRegistry(db: DatabaseHandle, id: string, changes: RegistryChanges): Promise<Registry> {
  const fields = parseInput(registryChangesSchema, changes, 'registry change');
  const result = await db.run(db.table(TABLES.registries).get(id).update({ ...fields, updatedAt: new Date() }, { returnChanges: true }));
  const updated = changedDocument(db, result);
  if (updated === null) throw new NotFoundError(`No saved registry has the id ${id}`);
  return parseRow(registrySchema, updated, TABLES.registries);
}

/** False when there was none. */
export async function deleteRegistry(db: DatabaseHandle, id: string): Promise<boolean> {
  const result = await db.run(db.table(TABLES.registries).get(id).delete());
  return result.deleted > 0;
}

export async function touchRegistry(db: DatabaseHandle, id: string, at: Date = new Date()): Promise<void> {
  await db.run(db.table(TABLES.registries).get(id).update({ lastUsedAt: at }));
}
