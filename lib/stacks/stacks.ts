// The stacks as the console shows them: every stack the swarm has (by the namespace label, so
// stacks deployed with the CLI show too) and every stack the console recorded, with services,
// their tasks, and the deploy history.
import type { EngineClient } from '@/lib/docker/engine-client';
import type { ServiceSpec } from '@/lib/docker/engine-shapes';
import { NotFoundError } from '@/lib/errors/app-error';
import { listServiceTasks, listServices, type ServiceView, type TaskView } from '@/lib/swarm/services';
import { type DatabaseHandle, findStack, findStackVersion, listStackRecords, listStackVersions, type StackVersion } from '@/prisma-free-db';
import { type ServiceChange, diffStackSpecs } from './stack-diff';
import { stackServices } from './stack-deploy';
import { STACK_NAMESPACE_LABEL } from './stack-names';
import { type EnvFileAbsence, openEnvFile } from './stack-env-seal';
import { planStack } from './stack-plan';

export interface StackSummary {
  readonly name: string;
  readonly services: number;
  readonly tasksRunning: number;
  readonly tasksDesired: number;
  /** The latest version the console deployed; null for a stack deployed otherwise (the CLI). */
  readonly version: number | null;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

export interface StackHistoryEntry {
  readonly version: number;
  readonly deployedBy: string;
  readonly deployedAt: string;
}

export interface StackDetail extends StackSummary {
  readonly serviceViews: readonly (ServiceView & { readonly tasks: readonly TaskView[] })[];
  readonly history: readonly StackHistoryEntry[];
}

const stackOf = (service: ServiceView): string | undefined => service.labels[STACK_NAMESPACE_LABEL];

function summaryOf(name: string, services: readonly ServiceView[], record: { version: number; updatedAt: Date; updatedBy: string } | null): StackSummary {
  return {
    name,
    services: services.length,
    tasksRunning: services.reduce((sum, service) => sum + (service.status?.running ?? service.replicasRunning), 0),
    tasksDesired: services.reduce((sum, service) => sum + (service.status?.desired ?? service.replicasDesired ?? 0), 0),
    version: record?.version ?? null,
    updatedAt: record?.updatedAt.toISOString() ?? null,
    updatedBy: record?.updatedBy ?? null,
  };
}

export async function listStacks(docker: EngineClient, db: DatabaseHandle): Promise<StackSummary[]> {
  const [services, records] = await Promise.all([listServices(docker), listStackRecords(db)]);
  const names = new Set([...records.map((record) => record.id), ...services.map(stackOf).filter((name): name is string => name !== undefined)]);
  const recordOf = new Map(records.map((record) => [record.id, record]));
  return [...names].sort().map((name) => summaryOf(name, services.filter((service) => stackOf(service) === name), recordOf.get(name) ?? null));
}

const historyEntry = (version: StackVersion): StackHistoryEntry => ({ version: version.version, deployedBy: version.deployedBy, deployedAt: version.deployedAt.toISOString() });

export async function stackDetail(docker: EngineClient, db: DatabaseHandle, name: string): Promise<StackDetail> {
  const [services, record, versions] = await Promise.all([listServices(docker), findStack(db, name), listStackVersions(db, name)]);
  const own = services.filter((service) => stackOf(service) === name);
  if (own.length === 0 && !record) throw new NotFoundError(`No stack is called ${name}`);
  const serviceViews = await Promise.all(own.map(async (service) => ({ ...service, tasks: await listServiceTasks(docker, service.id) })));
  return { ...summaryOf(name, own, record), serviceViews, history: versions.map(historyEntry) };
}

/** A stored version with its env file opened (see stack-env-seal.ts), and why there is none when one was given. */
export type OpenedStackVersion = Omit<StackVersion, 'envFile' | 'envFileSealed'> & { envFile: string | null; envFileAbsence?: EnvFileAbsence };

export async function stackVersion(db: DatabaseHandle, name: string, version: number): Promise<OpenedStackVersion> {
  const found = await findStackVersion(db, name, version);
  if (!found) throw new NotFoundError(`Stack ${name} has no version ${version}`);
  const { envFileSealed: _sealed, ...rest } = found;
  const opened = openEnvFile(found);
  return { ...rest, envFile: opened.envFile, ...(opened.absence ? { envFileAbsence: opened.absence } : {}) };
}

/**
 * The specs the stack has now, to diff a new file against: those the latest recorded file gives
 * (the same conversion, so only what the file changes shows); for a stack the console did not
 * deploy, the engine's.
 */
async function currentSpecs(docker: EngineClient, db: DatabaseHandle, name: string): Promise<Map<string, ServiceSpec>> {
  const record = await findStack(db, name);
  const latest = record ? await findStackVersion(db, name, record.version) : null;
  const env = latest ? openEnvFile(latest) : null;
  // Without the env file it was deployed with, the file alone cannot give the specs: the engine's then.
  if (latest && env && !env.absence) {
    const plan = planStack(name, latest.composeFile, env.envFile ?? undefined);
    return new Map(plan.services.map((service) => [service.spec.Name ?? service.key, service.spec]));
  }
  const live = await stackServices(docker, name);
  if (live.length === 0) throw new NotFoundError(`No stack is called ${name}`);
  return new Map(live.map((service) => [service.Spec.Name ?? service.ID, service.Spec]));
}

/** What redeploying the stack with this file would change, before anything is changed. */
export async function previewStackUpdate(docker: EngineClient, db: DatabaseHandle, name: string, input: { composeFile: string; envFile?: string | undefined }): Promise<{ changes: ServiceChange[]; ignored: readonly string[] }> {
  const plan = planStack(name, input.composeFile, input.envFile || undefined);
  const before = await currentSpecs(docker, db, name);
  const after = new Map(plan.services.map((service) => [service.spec.Name ?? service.key, service.spec]));
  return { changes: diffStackSpecs(before, after), ignored: plan.ignored };
}
