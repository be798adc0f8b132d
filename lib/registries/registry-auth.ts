// A saved registry's login, opened server-side for one request to Docker: a pull, a service
// create or update (so every node can pull: `--with-registry-auth`), a stack deploy. Callers
// name a registry by id or let the image's registry host choose; nobody is shown the password.
import type { RegistryLogin } from '@/lib/docker/engine-shapes';
import { NotFoundError } from '@/lib/errors/app-error';
import { findRegistryById, listRegistries, touchRegistry, type DatabaseHandle, type Registry } from '@/prisma-free-db';
import { processRegistryKeyring, type RegistryKeyring } from './registry-key';
import { registryForImage } from './registry-host';
import { openPassword } from './registry-secret-box';

export interface RegistryAuthServices {
  database: DatabaseHandle;
  keyring?: () => RegistryKeyring;
}

function loginOf(services: RegistryAuthServices, registry: Registry): RegistryLogin {
  const password = openPassword(registry.sealedPassword, (services.keyring ?? processRegistryKeyring)());
  return { username: registry.username, password, serveraddress: registry.address };
}

async function used(services: RegistryAuthServices, registry: Registry): Promise<void> {
  // Best effort: "last used" is a hint in the list, never a reason for a pull to fail.
  await touchRegistry(services.database, registry.id).catch(() => undefined);
}

/** The login of the saved registry `id` (a 404 when there is none). */
export async function registryLoginById(services: RegistryAuthServices, id: string): Promise<RegistryLogin> {
  const registry = await findRegistryById(services.database, id);
  if (!registry) throw new NotFoundError(`No saved registry has the id ${id}`);
  const login = loginOf(services, registry);
  await used(services, registry);
  return login;
}

/** The login of the saved registry whose address is the image's registry host, if one is saved. */
export async function registryLoginForImage(services: RegistryAuthServices, image: string): Promise<RegistryLogin | undefined> {
  const registry = registryForImage(await listRegistries(services.database), image);
  if (!registry) return undefined;
  const login = loginOf(services, registry);
  await used(services, registry);
  return login;
}

/** The X-Registry-Auth header value Docker reads: base64url of the login's JSON. */
export function encodeRegistryAuth(login: RegistryLogin): string {
  return Buffer.from(JSON.stringify(login), 'utf8').toString('base64url');
}

/**
 * For the stacks helper and anything else that talks to Docker itself: the X-Registry-Auth value
 * for `image` when a saved registry matches its registry host, else undefined (no header: public
 * images). The actor is who uses it: anyone allowed to deploy may use a saved login, never see it.
 */
export async function registryAuthForImage(services: RegistryAuthServices, actor: { username: string }, image: string): Promise<string | undefined> {
  void actor; // kept in the signature: the use is audited by the caller's own action (stack.deploy)
  const login = await registryLoginForImage(services, image);
  return login ? encodeRegistryAuth(login) : undefined;
}
