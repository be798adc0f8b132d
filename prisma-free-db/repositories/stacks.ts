// Stacks and their deploy history: a row per stack (its latest version) and a row per deploy.
import { ConflictError } from '@/errors/app-error';
import type { DatabaseHandle } from '../connection';
import { INDEXES, TABLES } from '../tables';
import { stackRecordSchema, stackVersionSchema, type StackRecord, type StackVersion } from '../schemas/stack';
import { parseInput, parseRow, parseRows } from '../validate';
import { insertUnique, writeFailed } from '../writes';

const versionId = (stack: string, version: number) => `${stack}:${version}`;

export async function findStack(db: DatabaseHandle, stack: string): Promise<StackRecord | null> {
  const row = await db.run(db.table(TABLES.stacks).get(stack));
  return row === null ? null : parseRow(stackRecordSchema, row, TABLES.stacks);
}

export async function listStackRecords(db: DatabaseHandle): Promise<StackRecord[]> {
  const rows = await db.run(db.table(TABLES.stacks).orderBy('id'));
  return parseRows(stackRecordSchema, rows, TABLES.stacks);
}

/**
 * Records a deploy as the stack's next version. Two deploys of one stack at once both read the
 * same latest version: the second insert of that version id fails, and says so.
 */
export async function recordStackVersion(
  db: DatabaseHandle,
  input: { stack: string; composeFile: string; envFile: string | null; envFileSealed?: true; envFileNotStored?: true; givenFiles?: string[]; deployedBy: string },
): Promise<StackVersion> {
  const current = await findStack(db, input.stack);
  const now = new Date();
  const version = (current?.version ?? 0) + 1;
  const row = parseInput(stackVersionSchema, { id: versionId(input.stack, version), version, deployedAt: now, ...input }, 'stack version');
  if (!(await insertUnique(db, TABLES.stackVersions, row))) throw new ConflictError(`Stack ${input.stack} was deployed by someone else at the same time: reload it and deploy again`);
  const record = parseInput(stackRecordSchema, { id: input.stack, version, updatedAt: now, updatedBy: input.deployedBy, createdAt: current?.createdAt ?? now }, 'stack');
  const result = await db.run(db.table(TABLES.stacks).insert(record, { conflict: 'replace' }));
  if (result.errors > 0) throw writeFailed(db, result);
  return row;
}

/** The stack's deploys, newest first. */
export async function listStackVersions(db: DatabaseHandle, stack: string): Promise<StackVersion[]> {
  const rows = await db.run(db.table(TABLES.stackVersions).getAll(stack, { index: INDEXES.stackVersionsByStack }));
  return parseRows(stackVersionSchema, rows, TABLES.stackVersions).sort((a, b) => b.version - a.version);
}

export async function findStackVersion(db: DatabaseHandle, stack: string, version: number): Promise<StackVersion | null> {
  const row = await db.run(db.table(TABLES.stackVersions).get(versionId(stack, version)));
  return row === null ? null : parseRow(stackVersionSchema, row, TABLES.stackVersions);
}

/** Forgets a removed stack and its history (the audit log keeps who deployed and removed it). */
export async function deleteStackRecords(db: DatabaseHandle, stack: string): Promise<void> {
  await db.run(db.table(TABLES.stackVersions).getAll(stack, { index: INDEXES.stackVersionsByStack }).delete());
  await db.run(db.table(TABLES.stacks).get(stack).delete());
}
