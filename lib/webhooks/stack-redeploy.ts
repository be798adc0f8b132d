// A stack hook for a stack the console deployed: redeploy from the latest stored compose file (and
// env file), each service pinned to the newest digest of its image tag, as a deploy from the stack
// page would (services the file has but the swarm lost are created again; the saved registry login
// goes with each service). A stack with no stored version keeps the per-service redeploy.
import type { Grantee } from '@/lib/auth/permissions';
import type { ServiceSpec } from '@/lib/docker/engine-shapes';
import { ValidationError } from '@/lib/errors/app-error';
import { registryLoginForImage } from '@/lib/registries/registry-auth';
import { deployStack, stackServices } from '@/lib/stacks/stack-deploy';
import { openEnvFile } from '@/lib/stacks/stack-env-seal';
import { requireSecretsGrant } from '@/lib/stacks/stack-mutations';
import { type StackPlan, planStack } from '@/lib/stacks/stack-plan';
import { findStack, findStackVersion, type DatabaseHandle } from '@/prisma-free-db';
import { trackedReference, type RedeployClients, type RedeployResult } from './redeploy';

const withImage = (spec: ServiceSpec, image: string): ServiceSpec => ({ ...spec, TaskTemplate: { ...spec.TaskTemplate, ContainerSpec: { ...spec.TaskTemplate?.ContainerSpec, Image: image } } });

/** The redeploy's results, or null when the console holds no version of the stack. */
export async function redeployStoredStack(clients: RedeployClients, database: DatabaseHandle, stack: string, owner: Grantee): Promise<RedeployResult[] | null> {
  const record = await findStack(database, stack);
  const latest = record ? await findStackVersion(database, stack, record.version) : null;
  if (!latest) return null;
  const env = openEnvFile(latest, clients.registries.keyring);
  if (env.absence) {
    throw new ValidationError(`Stack ${stack} was deployed with an env file the console ${env.absence === 'not-stored' ? 'did not store (it had no SHIPYARD_REGISTRY_KEY)' : 'cannot open (its key is gone)'}: deploy it again from the stack page`, [{ path: 'envFile', message: env.absence }]);
  }
  const plan = planStack(stack, latest.composeFile, env.envFile ?? undefined);
  requireSecretsGrant(plan, owner);
  const pinned: StackPlan['services'][number][] = [];
  for (const service of plan.services) {
    const image = service.spec.TaskTemplate?.ContainerSpec?.Image ?? '';
    const reference = trackedReference(image);
    const digest = await clients.lookup.distributionDigest(reference, await registryLoginForImage(clients.registries, reference));
    pinned.push({ ...service, spec: withImage(service.spec, `${reference}@${digest}`) });
  }
  const before = new Map((await stackServices(clients.owner, stack)).map((service) => [service.Spec.Name ?? service.ID, service.Spec.TaskTemplate?.ContainerSpec?.Image]));
  await deployStack(clients.owner, { ...plan, services: pinned }, { loginFor: (image) => registryLoginForImage(clients.registries, image) });
  return pinned.map(({ key, spec }) => {
    const name = spec.Name ?? key;
    const image = spec.TaskTemplate?.ContainerSpec?.Image ?? '';
    return { service: name, image, changed: before.get(name) !== image };
  });
}
