// The swarm service mutations as the console makes them: (services, actor, input), each audited here.
import type { Actor } from '@/lib/audit/actor';
import { audited } from '@/lib/audit/audited';
import { managerClientOf, type ManagerServices } from '@/lib/server/manager-services';
import { registryLoginById } from '@/lib/registries/registry-auth';
import type { RegistryLogin } from '@/lib/docker/engine-shapes';
import type { CreateServiceInput, UpdateServiceInput } from './service-schema';
import type { ServiceView } from './service-view';
import { createService, removeService, rollbackService, updateService } from './services';

/** A saved registry's login for the request (opened server-side; the caller never sees it). */
async function savedLogin(actor: Actor, registryId: string | undefined): Promise<RegistryLogin | undefined> {
  return registryId === undefined ? undefined : registryLoginById({ database: actor.database }, registryId);
}

/** Creates a service; host-escaping options need the admin role (the actor's). */
export async function createServiceAudited(services: ManagerServices, actor: Actor, input: CreateServiceInput): Promise<ServiceView> {
  const details = { image: input.image, mode: input.mode, replicas: input.replicas, ...(input.registryId ? { registryId: input.registryId } : {}) };
  return audited(
    actor,
    { action: 'swarm.service.create', target: input.name, details },
    async () => createService(managerClientOf(services, actor), input, actor.role, await savedLogin(actor, input.registryId)),
    (service) => ({ id: service.id }),
  );
}

/** Scale ({replicas}), rolling update ({image}), and the other changeable fields. */
export async function updateServiceAudited(services: ManagerServices, actor: Actor, input: { id: string; changes: UpdateServiceInput }): Promise<ServiceView> {
  const { id, changes } = input;
  const details: Record<string, string | number> = {
    fields: Object.keys(changes).join(','),
    ...(changes.image ? { image: changes.image } : {}),
    ...(changes.replicas !== undefined ? { replicas: changes.replicas } : {}),
    ...(changes.registryId ? { registryId: changes.registryId } : {}),
  };
  return audited(actor, { action: 'swarm.service.update', target: id, details }, async () =>
    updateService(managerClientOf(services, actor), id, changes, actor.role, await savedLogin(actor, changes.registryId)),
  );
}

export async function rollbackServiceAudited(services: ManagerServices, actor: Actor, input: { id: string }): Promise<ServiceView> {
  return audited(
    actor,
    { action: 'swarm.service.rollback', target: input.id },
    () => rollbackService(managerClientOf(services, actor), input.id),
    (service) => ({ image: service.image }),
  );
}

export async function removeServiceAudited(services: ManagerServices, actor: Actor, input: { id: string }): Promise<void> {
  await audited(actor, { action: 'swarm.service.remove', target: input.id }, () => removeService(managerClientOf(services, actor), input.id));
}
