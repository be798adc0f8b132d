// Secrets and configs as the console lists them: name, id, created, labels, and the services that
// mount each. A config's data is shown (it is not secret); a secret's value is never in a view.
import type { EngineClient } from '@/lib/docker/engine-client';
import type { SwarmObjectJson, SwarmObjectKind } from '@/lib/docker/volume-secret-shapes';
import { naturalCompare } from '@/lib/format/natural-sort';

export interface SwarmObjectView {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The names of the services whose tasks mount it. */
  readonly usedBy: readonly string[];
}

export type SecretView = SwarmObjectView;

export interface ConfigView extends SwarmObjectView {
  /** The data as text (UTF-8), or null when it is binary: then see dataBase64. */
  readonly data: string | null;
  readonly dataBase64: string;
}

/** What the users of a secret or config are read from: a service (SwarmServiceJson is one). */
export interface MountingService {
  readonly ID: string;
  readonly Spec: {
    readonly Name?: string;
    readonly TaskTemplate?: { readonly ContainerSpec?: { readonly Secrets?: readonly { readonly SecretID?: string }[]; readonly Configs?: readonly { readonly ConfigID?: string }[] } };
  };
}

/** The services mounting each secret (or config), by its id. */
export function usersById(services: readonly MountingService[], kind: SwarmObjectKind): Map<string, string[]> {
  const users = new Map<string, string[]>();
  for (const service of services) {
    const container = service.Spec.TaskTemplate?.ContainerSpec;
    const ids = kind === 'secrets' ? (container?.Secrets ?? []).map((reference) => reference.SecretID) : (container?.Configs ?? []).map((reference) => reference.ConfigID);
    for (const id of new Set(ids)) {
      if (!id) continue;
      users.set(id, [...(users.get(id) ?? []), service.Spec.Name ?? service.ID.slice(0, 12)]);
    }
  }
  return users;
}

/** Only the metadata: whatever else the engine answered (a config's Data) is left out. */
export function toSecretView(object: SwarmObjectJson, usedBy: readonly string[]): SecretView {
  return {
    id: object.ID,
    name: object.Spec?.Name ?? object.ID.slice(0, 12),
    createdAt: object.CreatedAt ?? '',
    updatedAt: object.UpdatedAt ?? '',
    labels: object.Spec?.Labels ?? {},
    usedBy: [...usedBy].sort(naturalCompare),
  };
}

function textOf(base64: string): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(base64, 'base64'));
  } catch {
    return null;
  }
}

export function toConfigView(object: SwarmObjectJson, usedBy: readonly string[]): ConfigView {
  const dataBase64 = object.Spec?.Data ?? '';
  return { ...toSecretView(object, usedBy), data: textOf(dataBase64), dataBase64 };
}

async function listed(docker: EngineClient, kind: SwarmObjectKind): Promise<{ objects: SwarmObjectJson[]; users: Map<string, string[]> }> {
  const [objects, services] = await Promise.all([docker.listSwarmObjects(kind), docker.listServices()]);
  return { objects: [...objects].sort((a, b) => naturalCompare(a.Spec?.Name ?? '', b.Spec?.Name ?? '')), users: usersById(services, kind) };
}

export async function listSecrets(docker: EngineClient): Promise<SecretView[]> {
  const { objects, users } = await listed(docker, 'secrets');
  return objects.map((object) => toSecretView(object, users.get(object.ID) ?? []));
}

export async function listConfigs(docker: EngineClient): Promise<ConfigView[]> {
  const { objects, users } = await listed(docker, 'configs');
  return objects.map((object) => toConfigView(object, users.get(object.ID) ?? []));
}
