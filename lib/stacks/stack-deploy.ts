// Applies a StackPlan to the swarm through one engine client, as `docker stack deploy --prune
// --resolve-image never --with-registry-auth` does: secrets/configs and networks first, then each
// service created or updated in place (with its image registry's saved login, when one is given).
// Every request goes through the client it is given: for a user, the console's policy gate
// checks each one with their identity (a refused service is named with the field refused).
import type { EngineClient } from '@/lib/docker/engine-client';
import type { RegistryLogin, ServiceSpec, SwarmServiceJson } from '@/lib/docker/engine-shapes';
import { AppError, ValidationError } from '@/lib/errors/app-error';
import { ensureFileObjects, type GivenFiles, removeUnusedFileObjects, withFileObjectIds } from './stack-file-objects';
import type { StackPlan } from './stack-plan';
import { STACK_IMAGE_LABEL, STACK_NAMESPACE_LABEL } from './stack-names';

export interface DeployOutcome {
  readonly created: string[];
  readonly updated: string[];
  readonly removed: string[];
  readonly networksCreated: string[];
  /** Secrets and configs the deploy created, and those of the stack it removed (no longer declared). */
  readonly objectsCreated: string[];
  readonly objectsRemoved: string[];
}

export interface DeployOptions {
  /** Contents of the files the compose file's secrets/configs name (see stack-file-objects.ts). */
  readonly files?: GivenFiles;
  /** The saved login for an image's registry, sent with its service (`--with-registry-auth`). */
  readonly loginFor?: (image: string) => Promise<RegistryLogin | undefined>;
}

/** A request for one of the stack's services failed: which service, and the engine's or policy's reason. */
export class StackServiceError extends AppError {
  static override readonly brand: string = 'StackServiceError';
  constructor(service: string, cause: AppError) {
    super(cause.code, `Service ${service}: ${cause.message}`, { cause, fields: cause.fields.map((field) => ({ path: `services.${service}.${field.path}`, message: field.message })) });
  }
}

const asAppError = (error: unknown): AppError => (error instanceof AppError ? error : new AppError('INTERNAL', error instanceof Error ? error.message : String(error), { cause: error }));

/** The stack's services as the engine has them (by the namespace label, as the CLI finds them). */
export async function stackServices(docker: EngineClient, stack: string): Promise<SwarmServiceJson[]> {
  return (await docker.listServices()).filter((service) => service.Spec.Labels?.[STACK_NAMESPACE_LABEL] === stack);
}

/** The names of the networks the stack created. */
export async function stackNetworks(docker: EngineClient, stack: string): Promise<{ id: string; name: string }[]> {
  return (await docker.listNetworks()).filter((network) => network.Labels?.[STACK_NAMESPACE_LABEL] === stack).map((network) => ({ id: network.Id, name: network.Name }));
}

/** External networks must exist and be swarm-scoped (the swarm flat network is), as the CLI checks. */
async function checkExternalNetworks(docker: EngineClient, names: readonly string[]): Promise<void> {
  for (const name of names) {
    if (['host', 'bridge', 'none', 'default'].includes(name)) continue;
    let scope: string | undefined;
    try {
      scope = (await docker.inspectNetwork(name)).Scope;
    } catch (error) {
      const reason = asAppError(error);
      if (reason.code !== 'NOT_FOUND') throw reason;
    }
    const path = `networks (external ${name})`;
    if (scope === undefined) throw new ValidationError(`Network ${name} is declared as external, but could not be found: create a swarm-scoped network before the stack is deployed`, [{ path, message: 'not found' }]);
    if (scope !== 'swarm') throw new ValidationError(`Network ${name} is declared as external, but it is ${scope}-scoped, not swarm-scoped: services can only join swarm networks`, [{ path, message: `scope ${scope}` }]);
  }
}

/**
 * What is sent for a service that exists already: the image the engine resolved (a digest) is
 * kept when the file's image did not change, and ForceUpdate as it is, so an unchanged service
 * is not redeployed (as the CLI does).
 */
export function updatedSpecOf(spec: ServiceSpec, current: SwarmServiceJson): ServiceSpec {
  const image = spec.TaskTemplate?.ContainerSpec?.Image;
  const sameImage = image !== undefined && image === current.Spec.Labels?.[STACK_IMAGE_LABEL];
  const currentImage = current.Spec.TaskTemplate?.ContainerSpec?.Image;
  const forceUpdate = current.Spec.TaskTemplate?.ForceUpdate;
  return {
    ...spec,
    TaskTemplate: {
      ...spec.TaskTemplate,
      ContainerSpec: { ...spec.TaskTemplate?.ContainerSpec, ...(sameImage && currentImage ? { Image: currentImage } : {}) },
      ...(forceUpdate ? { ForceUpdate: forceUpdate } : {}),
    },
  };
}

/** Removes what a failed first deploy made, newest first; what cannot be removed is left (the error said why it failed). */
async function undo(docker: EngineClient, services: readonly string[], networks: readonly string[], objects: readonly { kind: 'secrets' | 'configs'; id: string }[]): Promise<void> {
  for (const service of [...services].reverse()) await docker.removeService(service).catch(() => undefined);
  for (const object of [...objects].reverse()) await docker.removeSwarmObject(object.kind, object.id).catch(() => undefined);
  for (const network of [...networks].reverse()) await docker.removeNetwork(network).catch(() => undefined);
}

/**
 * Deploys the plan. A stack that did not exist yet is all or nothing: when a request is refused,
 * what this call created is removed again. An update stops at the first refusal (as the CLI).
 * Services of the stack the file no longer has are removed (--prune).
 */
export async function deployStack(docker: EngineClient, plan: StackPlan, options: DeployOptions = {}): Promise<DeployOutcome> {
  await checkExternalNetworks(docker, plan.externalNetworks);
  const [existing, existingNetworks] = await Promise.all([stackServices(docker, plan.stack), stackNetworks(docker, plan.stack)]);
  const fresh = existing.length === 0;
  const byName = new Map(existing.map((service) => [service.Spec.Name ?? '', service]));
  const outcome: DeployOutcome = { created: [], updated: [], removed: [], networksCreated: [], objectsCreated: [], objectsRemoved: [] };
  const objectsCreated: { kind: 'secrets' | 'configs'; id: string }[] = [];
  const networkNames = new Set(existingNetworks.map((network) => network.name));
  try {
    // Secrets and configs first: what is missing is said before anything is created.
    const ensured = await ensureFileObjects(docker, plan, options.files ?? {});
    objectsCreated.push(...ensured.created);
    outcome.objectsCreated.push(...ensured.created.map((object) => object.name));
    for (const network of plan.networks) {
      if (networkNames.has(network.Name)) continue;
      await docker.createNetwork(network).catch((error: unknown) => {
        throw new AppError(asAppError(error).code, `Network ${network.Name}: ${asAppError(error).message}`, { cause: error });
      });
      outcome.networksCreated.push(network.Name);
    }
    for (const { key, spec: converted } of plan.services) {
      const spec = withFileObjectIds(converted, ensured.ids);
      const name = spec.Name ?? key;
      const current = byName.get(name);
      try {
        const image = spec.TaskTemplate?.ContainerSpec?.Image;
        const login = image && options.loginFor ? await options.loginFor(image) : undefined;
        if (current) {
          await docker.updateService(current.ID, { version: current.Version?.Index ?? 0 }, updatedSpecOf(spec, current), login);
          outcome.updated.push(name);
        } else {
          await docker.createService(spec, login);
          outcome.created.push(name);
        }
      } catch (error) {
        throw new StackServiceError(key, asAppError(error));
      }
    }
  } catch (error) {
    if (fresh) await undo(docker, outcome.created, outcome.networksCreated, objectsCreated);
    throw error;
  }
  const wanted = new Set(plan.services.map((service) => service.spec.Name));
  for (const service of existing) {
    if (wanted.has(service.Spec.Name)) continue;
    await docker.removeService(service.ID);
    outcome.removed.push(service.Spec.Name ?? service.ID);
  }
  outcome.objectsRemoved.push(...(await removeUnusedFileObjects(docker, plan.stack, plan)).removed);
  return outcome;
}

/**
 * Removes the stack's services, then its networks (as `docker stack rm`). A network still held by
 * a task that is going away is retried for a while: the engine frees it a moment after the service.
 */
export async function removeStack(docker: EngineClient, stack: string, options: { networkWaitMs?: number } = {}): Promise<{ services: string[]; networks: string[]; objects: string[] }> {
  const services = await stackServices(docker, stack);
  for (const service of services) await docker.removeService(service.ID);
  const objects = await removeUnusedFileObjects(docker, stack);
  const networks = await stackNetworks(docker, stack);
  const deadline = Date.now() + (options.networkWaitMs ?? 20_000);
  for (const network of networks) {
    for (;;) {
      try {
        await docker.removeNetwork(network.id);
        break;
      } catch (error) {
        const reason = asAppError(error);
        if (reason.code === 'NOT_FOUND') break;
        if (Date.now() > deadline) throw new AppError(reason.code, `Network ${network.name}: ${reason.message}`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }
  return { services: services.map((service) => service.Spec.Name ?? service.ID), networks: networks.map((network) => network.name), objects: objects.removed };
}
