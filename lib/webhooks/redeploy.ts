// A redeploy as `docker service update --image <name:tag>@<newest digest> --force
// --with-registry-auth`: the registry is asked for the tag's current digest, and the service is
// pinned to it, so every node runs the same image even if the tag moves again mid-rollout.
import type { EngineClient } from '@/lib/docker/engine-client';
import type { ServiceSpec } from '@/lib/docker/engine-shapes';
import { splitReference } from '@/lib/images/reference';
import { registryLoginForImage, type RegistryAuthServices } from '@/lib/registries/registry-auth';
import { ValidationError } from '@/lib/errors/app-error';

export interface RedeployClients {
  /** Acts for the hook's owner: the update passes the request gate as theirs. */
  owner: EngineClient;
  /** The console's own view, for the registry digest look-up only (an admin-only engine route for users). */
  lookup: EngineClient;
  registries: RegistryAuthServices;
}

export interface RedeployResult {
  service: string;
  image: string;
  changed: boolean;
}

/** name:tag without a digest (latest when the spec has no tag). */
export function trackedReference(image: string): string {
  const { name, tag } = splitReference(image);
  return `${name}:${tag ?? 'latest'}`;
}

/** The spec with the pinned image and a ForceUpdate bump (a redeploy even when the digest is the same). */
export function redeploySpec(spec: ServiceSpec, image: string): ServiceSpec {
  const task = spec.TaskTemplate ?? {};
  return { ...spec, TaskTemplate: { ...task, ContainerSpec: { ...task.ContainerSpec, Image: image }, ForceUpdate: (task.ForceUpdate ?? 0) + 1 } };
}

export async function redeployService(clients: RedeployClients, serviceId: string): Promise<RedeployResult> {
  const current = await clients.owner.inspectService(serviceId);
  const image = current.Spec.TaskTemplate?.ContainerSpec?.Image;
  const name = current.Spec.Name ?? serviceId;
  if (!image) throw new ValidationError(`Service ${name} has no image to redeploy`, [{ path: 'service', message: 'The service has no image' }]);
  const reference = trackedReference(image);
  const login = await registryLoginForImage(clients.registries, reference);
  const digest = await clients.lookup.distributionDigest(reference, login);
  const pinned = `${reference}@${digest}`;
  await clients.owner.updateService(current.ID, { version: current.Version?.Index ?? 0 }, redeploySpec(current.Spec, pinned), login);
  return { service: name, image: pinned, changed: pinned !== image };
}

/** The services of a stack, as `docker stack deploy` labels them. */
export async function stackServiceIds(client: EngineClient, stack: string): Promise<string[]> {
  const services = await client.listServices();
  return services.filter((service) => service.Spec.Labels?.['com.docker.stack.namespace'] === stack).map((service) => service.ID);
}
