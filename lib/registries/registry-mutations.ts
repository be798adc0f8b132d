// Saved registries as the console changes them: (services, actor, input), each audited. The
// password is sealed before it reaches the database and is never in an answer or an audit event.
import type { Actor } from '@/lib/audit/actor';
import { audited } from '@/lib/audit/audited';
import { ConflictError, NotFoundError } from '@/lib/errors/app-error';
import { createRegistry, deleteRegistry, findRegistryById, listRegistries, updateRegistry, type DatabaseHandle } from '@/prisma-free-db';
import { processRegistryKeyring, type RegistryKeyring } from './registry-key';
import { canonicalRegistryHost } from './registry-host';
import type { CreateRegistryInput, UpdateRegistryInput } from './registry-schema';
import { openPassword, sealPassword, sealedKeyId } from './registry-secret-box';
import { toRegistryView, type RegistryView } from './registry-view';

export interface RegistryServices {
  database: DatabaseHandle;
  /** The key ring (default: the process environment's). */
  keyring?: () => RegistryKeyring;
}

const keyringOf = (services: RegistryServices): RegistryKeyring => (services.keyring ?? processRegistryKeyring)();

export async function listRegistryViews(services: Pick<RegistryServices, 'database'>): Promise<RegistryView[]> {
  return (await listRegistries(services.database)).map(toRegistryView);
}

/** One address has one saved login: two would make the choice for an image ambiguous. */
async function assertAddressFree(database: DatabaseHandle, address: string, exceptId?: string): Promise<void> {
  const taken = (await listRegistries(database)).find((registry) => registry.id !== exceptId && canonicalRegistryHost(registry.address) === canonicalRegistryHost(address));
  if (taken) throw new ConflictError(`The registry ${address} is already saved as "${taken.name}": change that one instead`);
}

export async function createRegistryAudited(services: RegistryServices, actor: Actor, input: CreateRegistryInput): Promise<RegistryView> {
  return audited(
    actor,
    { action: 'registry.create', target: input.name, details: { address: input.address, username: input.username } },
    async () => {
      const sealedPassword = sealPassword(input.password, keyringOf(services).current);
      await assertAddressFree(services.database, input.address);
      return toRegistryView(await createRegistry(services.database, { name: input.name, address: input.address, username: input.username, sealedPassword, createdBy: actor.username }));
    },
    (registry) => ({ id: registry.id }),
  );
}

export async function updateRegistryAudited(services: RegistryServices, actor: Actor, input: { id: string; changes: UpdateRegistryInput }): Promise<RegistryView> {
  const { password, ...rest } = input.changes;
  const details = { fields: Object.keys(input.changes).join(','), ...(rest.address ? { address: rest.address } : {}) };
  return audited(actor, { action: 'registry.update', target: input.id, details }, async () => {
    if (!(await findRegistryById(services.database, input.id))) throw new NotFoundError(`No saved registry has the id ${input.id}`);
    if (rest.address) await assertAddressFree(services.database, rest.address, input.id);
    const sealed = password === undefined ? {} : { sealedPassword: sealPassword(password, keyringOf(services).current) };
    return toRegistryView(await updateRegistry(services.database, input.id, { ...rest, ...sealed }));
  });
}

export async function removeRegistryAudited(services: RegistryServices, actor: Actor, input: { id: string }): Promise<void> {
  await audited(actor, { action: 'registry.remove', target: input.id }, async () => {
    if (!(await deleteRegistry(services.database, input.id))) throw new NotFoundError(`No saved registry has the id ${input.id}`);
  });
}

/**
 * After a key rotation (new SHIPYARD_REGISTRY_KEY, the previous one as SHIPYARD_REGISTRY_KEY_OLD):
 * seals every password the old key sealed with the new one. Returns how many were re-sealed.
 */
export async function resealRegistriesAudited(services: RegistryServices, actor: Actor): Promise<{ resealed: number; total: number }> {
  return audited(
    actor,
    { action: 'registry.reseal', target: null },
    async () => {
      const keyring = keyringOf(services);
      const all = await listRegistries(services.database);
      let resealed = 0;
      for (const registry of all) {
        if (sealedKeyId(registry.sealedPassword) === keyring.current.id) continue;
        const password = openPassword(registry.sealedPassword, keyring);
        await updateRegistry(services.database, registry.id, { sealedPassword: sealPassword(password, keyring.current) });
        resealed += 1;
      }
      return { resealed, total: all.length };
    },
    (result) => result,
  );
}
