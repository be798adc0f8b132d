// The secret and config mutations as the console makes them: (services, actor, input), each
// audited here: the name and labels' keys, never the value.
import type { Actor } from '@/lib/audit/actor';
import { audited } from '@/lib/audit/audited';
import type { SwarmObjectKind } from '@/lib/docker/volume-secret-shapes';
import { managerClientOf, type ManagerServices } from '@/lib/server/manager-services';
import { createConfig, createSecret, removeSwarmObject } from './secret-actions';
import type { CreateConfigInput, CreateSecretInput } from './secret-schema';
import type { ConfigView, SecretView } from './secret-view';

const labelKeys = (labels: Readonly<Record<string, string>>) => ({ labels: Object.keys(labels).join(',').slice(0, 500) });

export async function createSecretAudited(services: ManagerServices, actor: Actor, input: CreateSecretInput): Promise<SecretView> {
  return audited(
    actor,
    { action: 'secret.create', target: input.name, details: labelKeys(input.labels) },
    () => createSecret(managerClientOf(services, actor), input),
    (secret) => ({ id: secret.id }),
  );
}

export async function createConfigAudited(services: ManagerServices, actor: Actor, input: CreateConfigInput): Promise<ConfigView> {
  return audited(
    actor,
    { action: 'config.create', target: input.name, details: { ...labelKeys(input.labels), bytes: Buffer.byteLength(input.data, 'utf8') } },
    () => createConfig(managerClientOf(services, actor), input),
    (config) => ({ id: config.id }),
  );
}

export async function removeSwarmObjectAudited(services: ManagerServices, actor: Actor, input: { kind: SwarmObjectKind; id: string }): Promise<void> {
  await audited(
    actor,
    { action: input.kind === 'secrets' ? 'secret.remove' : 'config.remove', target: input.id },
    () => removeSwarmObject(managerClientOf(services, actor), input.kind, input.id),
    (removed) => ({ id: removed.id, name: removed.name }),
  );
}
