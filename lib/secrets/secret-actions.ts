// Create and remove secrets and configs on the manager. The value is encoded here and handed to
// Docker only: nothing returns, logs or audits it. Docker's "in use" refusal names the services.
import type { EngineClient } from '@/lib/docker/engine-client';
import type { SwarmObjectKind } from '@/lib/docker/volume-secret-shapes';
import { AppError, ConflictError, NotFoundError } from '@/lib/errors/app-error';
import type { CreateConfigInput, CreateSecretInput } from './secret-schema';
import { toConfigView, toSecretView, usersById, type ConfigView, type SecretView } from './secret-view';

const singular = (kind: SwarmObjectKind) => (kind === 'secrets' ? 'secret' : 'config');

async function assertNameFree(docker: EngineClient, kind: SwarmObjectKind, name: string): Promise<void> {
  const existing = await docker.listSwarmObjects(kind, { name: [name] });
  if (existing.some((object) => object.Spec?.Name === name)) throw new ConflictError(`A ${singular(kind)} named ${name} already exists: choose another name (a ${singular(kind)} cannot be changed, only replaced)`);
}

/** Docker's own message with the value left out, should it ever quote one. */
function withoutValue(error: unknown, value: string, base64: string): unknown {
  if (!(error instanceof AppError) || (!error.message.includes(value) && !error.message.includes(base64))) return error;
  return new AppError(error.code, error.message.split(value).join('[value]').split(base64).join('[value]'));
}

export async function createSecret(docker: EngineClient, input: CreateSecretInput): Promise<SecretView> {
  await assertNameFree(docker, 'secrets', input.name);
  const data = Buffer.from(input.value, 'utf8').toString('base64');
  const { id } = await docker.createSwarmObject('secrets', { Name: input.name, Labels: input.labels, Data: data }).catch((error: unknown) => {
    throw withoutValue(error, input.value, data);
  });
  return toSecretView(await docker.inspectSwarmObject('secrets', id), []);
}

export async function createConfig(docker: EngineClient, input: CreateConfigInput): Promise<ConfigView> {
  await assertNameFree(docker, 'configs', input.name);
  const { id } = await docker.createSwarmObject('configs', { Name: input.name, Labels: input.labels, Data: Buffer.from(input.data, 'utf8').toString('base64') });
  return toConfigView(await docker.inspectSwarmObject('configs', id), []);
}

/** A secret or config that services mount, in words: which services. */
export class SwarmObjectInUseError extends ConflictError {
  static override readonly brand: string = 'SwarmObjectInUseError';
  constructor(kind: SwarmObjectKind, name: string, services: readonly string[]) {
    const what = singular(kind);
    super(
      services.length > 0
        ? `The ${what} ${name} is in use by ${services.length === 1 ? 'service' : 'services'} ${services.join(', ')}: detach it from ${services.length === 1 ? 'that service' : 'them'} (or remove ${services.length === 1 ? 'it' : 'them'}) first`
        : `The ${what} ${name} is in use by a service (Docker refused to remove it): detach it first`,
    );
  }
}

/** Removes by id or name; Docker's refusal while services mount it becomes the list of those services. */
export async function removeSwarmObject(docker: EngineClient, kind: SwarmObjectKind, idOrName: string): Promise<{ id: string; name: string }> {
  const object = await docker.inspectSwarmObject(kind, idOrName).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw new NotFoundError(`There is no ${singular(kind)} ${idOrName}`);
    throw error;
  });
  const name = object.Spec?.Name ?? object.ID;
  try {
    await docker.removeSwarmObject(kind, object.ID);
  } catch (error) {
    if (error instanceof AppError && /in use/i.test(error.message)) {
      throw new SwarmObjectInUseError(kind, name, usersById(await docker.listServices(), kind).get(object.ID) ?? []);
    }
    throw error;
  }
  return { id: object.ID, name };
}
