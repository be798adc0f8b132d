// The stack's secrets and configs on the swarm, as `docker stack deploy` makes them: the ones given
// by file are created (labelled with the stack) from the contents sent with the deploy, an existing
// one of that name is kept (Docker cannot change a secret's data: rename it to change it), external
// ones must exist; then each service's references get the objects' ids. The contents are only
// ever sent to Docker: never logged, stored or put in an error message.
import type { EngineClient } from '@/lib/docker/engine-client';
import type { ServiceSpec } from '@/lib/docker/engine-shapes';
import type { SwarmObjectKind } from '@/lib/docker/volume-secret-shapes';
import { granteeGrants } from '@/lib/auth/permissions';
import { ValidationError } from '@/lib/errors/app-error';
import { type StackFileObject, MAX_FILE_OBJECT_BYTES, givenFileContents } from './compose-file-objects';
import type { StackPlan } from './stack-plan';
import { STACK_NAMESPACE_LABEL } from './stack-names';

/** The given files' contents: path as written in the compose file (or its base name) → text. */
export type GivenFiles = Readonly<Record<string, string>>;

const singular = (kind: SwarmObjectKind) => (kind === 'secrets' ? 'secret' : 'config');

/**
 * The contents of each file-given object that does not exist yet (a redeploy keeps the existing
 * ones, so their files need not be given again), or a ValidationError naming every file missing.
 */
export function contentsOfFileObjects(plan: Pick<StackPlan, 'fileObjects'>, files: GivenFiles, existing: ReadonlySet<StackFileObject> = new Set()): Map<StackFileObject, string> {
  const contents = new Map<StackFileObject, string>();
  const missing: { path: string; message: string }[] = [];
  for (const object of plan.fileObjects) {
    if (object.external || !object.file || existing.has(object)) continue;
    const text = givenFileContents(files, object.file);
    const path = `${object.kind}.${object.key}.file`;
    if (text === undefined) missing.push({ path, message: `give the contents of ${object.file}` });
    else if (Buffer.byteLength(text, 'utf8') > MAX_FILE_OBJECT_BYTES) missing.push({ path, message: `${object.file} is over Docker's ${MAX_FILE_OBJECT_BYTES / 1024} KiB limit` });
    else contents.set(object, text);
  }
  if (missing.length > 0) {
    throw new ValidationError(`The compose file reads ${missing.length === 1 ? 'a file' : 'files'} from the deploying machine: ${missing.map((item) => item.message).join('; ')} (upload ${missing.length === 1 ? 'it' : 'them'} with the deploy)`, missing);
  }
  return contents;
}

async function findByName(docker: EngineClient, kind: SwarmObjectKind, name: string): Promise<string | undefined> {
  // The engine's name filter matches prefixes: keep the exact name only.
  return (await docker.listSwarmObjects(kind, { name: [name] })).find((object) => object.Spec?.Name === name)?.ID;
}

export interface EnsuredFileObjects {
  /** `<kind>:<name>` → id, for every object the services refer to. */
  readonly ids: ReadonlyMap<string, string>;
  readonly created: readonly { kind: SwarmObjectKind; id: string; name: string }[];
}

const idKey = (kind: SwarmObjectKind, name: string) => `${kind}:${name}`;

/**
 * Creates the missing file-given objects; external ones must exist. Everything is checked (a
 * ValidationError naming what is missing) before the first object is created.
 */
export async function ensureFileObjects(docker: EngineClient, plan: Pick<StackPlan, 'fileObjects'>, files: GivenFiles): Promise<EnsuredFileObjects> {
  const ids = new Map<string, string>();
  const created: { kind: SwarmObjectKind; id: string; name: string }[] = [];
  const existing = new Set<StackFileObject>();
  for (const object of plan.fileObjects) {
    const id = await findByName(docker, object.kind, object.name);
    if (id) {
      ids.set(idKey(object.kind, object.name), id);
      existing.add(object);
    } else if (object.external) {
      throw new ValidationError(`The ${singular(object.kind)} ${object.name} is declared as external, but could not be found: create it before the stack is deployed`, [{ path: `${object.kind}.${object.key}`, message: 'not found' }]);
    }
  }
  const contents = contentsOfFileObjects(plan, files, existing);
  for (const object of plan.fileObjects) {
    if (existing.has(object) || object.external) continue;
    const text = contents.get(object) ?? '';
    const { id } = await docker.createSwarmObject(object.kind, { Name: object.name, Labels: object.labels, Data: Buffer.from(text, 'utf8').toString('base64') });
    ids.set(idKey(object.kind, object.name), id);
    created.push({ kind: object.kind, id, name: object.name });
  }
  return { ids, created };
}

/** The spec with each secret's and config's id filled in by its name. */
export function withFileObjectIds(spec: ServiceSpec, ids: ReadonlyMap<string, string>): ServiceSpec {
  const container = spec.TaskTemplate?.ContainerSpec;
  if (!container?.Secrets && !container?.Configs) return spec;
  return {
    ...spec,
    TaskTemplate: {
      ...spec.TaskTemplate,
      ContainerSpec: {
        ...container,
        ...(container.Secrets ? { Secrets: container.Secrets.map((reference) => ({ ...reference, SecretID: ids.get(idKey('secrets', reference.SecretName ?? '')) ?? '' })) } : {}),
        ...(container.Configs ? { Configs: container.Configs.map((reference) => ({ ...reference, ConfigID: ids.get(idKey('configs', reference.ConfigName ?? '')) ?? '' })) } : {}),
      },
    },
  };
}

/** The stack's own secrets and configs (by its label), except those named in `keep`. */
async function labelledObjects(docker: EngineClient, stack: string, keep: ReadonlySet<string>): Promise<{ kind: SwarmObjectKind; id: string; name: string }[]> {
  const found: { kind: SwarmObjectKind; id: string; name: string }[] = [];
  for (const kind of ['secrets', 'configs'] as const) {
    for (const object of await docker.listSwarmObjects(kind, { label: [`${STACK_NAMESPACE_LABEL}=${stack}`] })) {
      const name = object.Spec?.Name ?? object.ID;
      if (!keep.has(idKey(kind, name))) found.push({ kind, id: object.ID, name });
    }
  }
  return found;
}

/** Users without secrets:write may not even list secrets: their deploys and removals leave them alone. */
function mayManageFileObjects(docker: Pick<EngineClient, 'caller'>): boolean {
  return !('role' in docker.caller) || granteeGrants(docker.caller, 'secrets:write');
}

/**
 * Removes the stack's secrets and configs not in `plan` (all of them without one): after `stack rm`,
 * or those a redeploy no longer declares. One still used by another service is left (and said).
 * A caller without secrets:write leaves them (an admin or a granted account removes them later).
 */
export async function removeUnusedFileObjects(docker: EngineClient, stack: string, plan?: Pick<StackPlan, 'fileObjects'>): Promise<{ removed: string[]; kept: string[] }> {
  if (!mayManageFileObjects(docker)) return { removed: [], kept: [] };
  const keep = new Set((plan?.fileObjects ?? []).map((object) => idKey(object.kind, object.name)));
  const removed: string[] = [];
  const kept: string[] = [];
  for (const object of await labelledObjects(docker, stack, keep)) {
    try {
      await docker.removeSwarmObject(object.kind, object.id);
      removed.push(object.name);
    } catch {
      kept.push(object.name);
    }
  }
  return { removed, kept };
}
