import type { SessionUser } from '@/lib/auth/session-user';
import { hostEscapingSettings, volumeDriverEscapes } from '@/lib/containers/host-escaping';
import type { BodyCheck } from './allow-list';
import { namedVolumesToCheck } from '@/lib/swarm/host-escape';
import { BodyShapeError, bodyEscapes, createHostConfig, serviceMounts, serviceNetworkTargets, type EngineFacts } from './body-escapes';
import type { GatewayContext } from './gateway-context';
import { GatewayRefusal } from './refusal';
import { containerHostConfig, volumeDriverOptions } from './engine-objects';
import { namedVolumes, sharedContainers } from './shared-objects';
import { engineAt, hideSocketPaths } from '@/lib/docker/engine-address';

/**
 * What a new container would bring in from existing objects: the namespaces or volumes of a
 * container that has the host, or a named volume made with driver options (a host path).
 */
async function sharedEscapes(context: GatewayContext, body: unknown): Promise<string[]> {
  const found: string[] = [];
  const hostConfig = createHostConfig(body);
  for (const name of sharedContainers(hostConfig)) {
    const shared = await containerHostConfig(context.upstream, name);
    const escapes = shared ? hostEscapingSettings(shared) : [];
    if (escapes.length > 0) found.push(`sharing the container ${name}, which has ${escapes.join(', ')}`);
  }
  for (const name of namedVolumes(hostConfig)) {
    if (volumeDriverEscapes(await volumeDriverOptions(context.upstream, name))) found.push(`the volume ${name}, which was made with driver options`);
  }
  return found;
}

async function serviceHostNetworks(context: GatewayContext, body: unknown): Promise<string[]> {
  const found: string[] = [];
  for (const target of serviceNetworkTargets(body)) if (await context.isHostNetwork(target)) found.push(target);
  return found;
}

/**
 * The named volumes of a service spec that the manager's engine holds with driver options. Its
 * tasks may run on other nodes, whose volumes the gateway cannot see: the manager's are the ones
 * an admin makes through it.
 */
async function serviceEscapingVolumes(context: GatewayContext, body: unknown): Promise<string[]> {
  const found: string[] = [];
  for (const name of namedVolumesToCheck(serviceMounts(body))) {
    if (volumeDriverEscapes(await volumeDriverOptions(context.upstream, name))) found.push(name);
  }
  return found;
}

/**
 * Refuses (403, naming each option) a body that gives a non-admin the host: privileged mode,
 * host binds and namespaces, devices, capabilities, security options, on container create,
 * exec create, volume create, service create and service update alike.
 */
export async function assertBodyAllowed(context: GatewayContext, user: SessionUser, check: BodyCheck, body: unknown): Promise<void> {
  if (user.role === 'admin') return;
  let escapes: string[];
  try {
    const engine: EngineFacts = { hostNetworkTargets: [], escapingVolumes: [] };
    if (check === 'service-spec') engine.hostNetworkTargets = await serviceHostNetworks(context, body);
    if (check === 'service-spec') engine.escapingVolumes = await serviceEscapingVolumes(context, body);
    escapes = bodyEscapes(check, body, engine);
    if (check === 'container-create') escapes.push(...(await sharedEscapes(context, body)));
  } catch (error) {
    if (error instanceof BodyShapeError) throw new GatewayRefusal(400, error.message);
    // Unchecked is refused: the call waits for an engine that can answer the check.
    throw new GatewayRefusal(502, `Shipyard could not check this call with the Docker engine${engineAt(context.upstream.url)}: ${hideSocketPaths(error instanceof Error ? error.message : String(error))}`);
  }
  if (escapes.length > 0) {
    throw new GatewayRefusal(403, `Only an admin may use host-escaping options: ${escapes.join(', ')}. Your account has the ${user.role} role`);
  }
}
