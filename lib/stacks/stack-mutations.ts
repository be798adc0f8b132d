// Stack deploy, update and remove as the console makes them: (services, actor, input), each
// audited (stack.deploy, stack.update, stack.remove). Every engine request is made with the
// actor's identity, so the console's policy gate checks each one as for any other request.
import type { Actor } from '@/lib/audit/actor';
import { audited } from '@/lib/audit/audited';
import { type Grantee, granteeGrants } from '@/lib/auth/permissions';
import { AppError, ConflictError, NotFoundError } from '@/lib/errors/app-error';
import { registryLoginForImage } from '@/lib/registries/registry-auth';
import { managerClientOf, type ManagerServices } from '@/lib/server/manager-services';
import { deleteStackRecords, findStack, recordStackVersion } from '@/prisma-free-db';
import { type DeployOutcome, deployStack, removeStack, stackServices } from './stack-deploy';
import { sealEnvFile } from './stack-env-seal';
import { type StackPlan, planStack } from './stack-plan';
import type { DeployStackInput, UpdateStackInput } from './stack-schema';

export interface StackDeployResult extends DeployOutcome {
  readonly name: string;
  readonly version: number;
  /** Options of the file the deploy ignored, as `docker stack deploy` does. */
  readonly ignored: readonly string[];
}

/**
 * Secrets and configs reach what a service's tasks read: like attaching them in the service form,
 * they need secrets:write. Said before anything is sent, naming the first service and field (the
 * engine request policy would refuse the same request on its own).
 */
export function requireSecretsGrant(plan: StackPlan, actor: Grantee): void {
  if (granteeGrants(actor, 'secrets:write')) return;
  for (const { key, spec } of plan.services) {
    const container = spec.TaskTemplate?.ContainerSpec;
    const field = container?.Secrets ? 'secrets' : container?.Configs ? 'configs' : null;
    if (!field) continue;
    const message = `Service ${key}: only admins, or accounts an admin granted secrets:write, may give a stack's services secrets or configs (their tasks read them). Your account has the ${actor.role} role`;
    throw new AppError('FORBIDDEN', message, { fields: [{ path: `services.${key}.${field}`, message: 'needs secrets:write' }] });
  }
  const object = plan.fileObjects[0];
  if (object) {
    throw new AppError('FORBIDDEN', `Only admins, or accounts an admin granted secrets:write, may create a stack's ${object.kind}. Your account has the ${actor.role} role`, { fields: [{ path: `${object.kind}.${object.key}`, message: 'needs secrets:write' }] });
  }
}

async function deployVersion(services: ManagerServices, actor: Actor, name: string, input: UpdateStackInput): Promise<StackDeployResult> {
  const plan = planStack(name, input.composeFile, input.envFile || undefined);
  requireSecretsGrant(plan, actor);
  const outcome = await deployStack(managerClientOf(services, actor), plan, {
    files: input.files ?? {},
    // --with-registry-auth: the saved login of the image's registry goes with its service.
    loginFor: (image) => registryLoginForImage({ database: actor.database }, image),
  });
  const version = await recordStackVersion(actor.database, {
    stack: name,
    composeFile: input.composeFile,
    ...sealEnvFile(input.envFile),
    ...(input.files ? { givenFiles: Object.keys(input.files).sort() } : {}),
    deployedBy: actor.username,
  });
  return { name, version: version.version, ignored: plan.ignored, ...outcome };
}

// Counts only: the audit never holds a given file's contents or the env file.
const described = (result: StackDeployResult) => ({ version: result.version, created: result.created.length, updated: result.updated.length, removed: result.removed.length, objectsCreated: result.objectsCreated.length });

async function exists(services: ManagerServices, actor: Actor, name: string): Promise<boolean> {
  if (await findStack(actor.database, name)) return true;
  return (await stackServices(managerClientOf(services, actor), name)).length > 0;
}

/** A new stack: refused when one of that name exists (update it instead). */
export async function deployStackAudited(services: ManagerServices, actor: Actor, input: DeployStackInput): Promise<StackDeployResult> {
  return audited(
    actor,
    { action: 'stack.deploy', target: input.name },
    async () => {
      if (await exists(services, actor, input.name)) throw new ConflictError(`A stack called ${input.name} exists already: update it, or choose another name`);
      return deployVersion(services, actor, input.name, input);
    },
    described,
  );
}

/** A redeploy with a changed file: services updated in place, new ones created, dropped ones removed. */
export async function updateStackAudited(services: ManagerServices, actor: Actor, input: { name: string; changes: UpdateStackInput }): Promise<StackDeployResult> {
  return audited(
    actor,
    { action: 'stack.update', target: input.name },
    async () => {
      if (!(await exists(services, actor, input.name))) throw new NotFoundError(`No stack is called ${input.name}`);
      return deployVersion(services, actor, input.name, input.changes);
    },
    described,
  );
}

/** Its services, then the networks it created; the console forgets its history (the audit log keeps it). */
export async function removeStackAudited(services: ManagerServices, actor: Actor, input: { name: string }): Promise<{ services: string[]; networks: string[]; objects: string[] }> {
  return audited(
    actor,
    { action: 'stack.remove', target: input.name },
    async () => {
      if (!(await exists(services, actor, input.name))) throw new NotFoundError(`No stack is called ${input.name}`);
      const removed = await removeStack(managerClientOf(services, actor), input.name);
      await deleteStackRecords(actor.database, input.name);
      return removed;
    },
    (removed) => ({ services: removed.services.length, networks: removed.networks.length }),
  );
}
