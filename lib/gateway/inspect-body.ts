import type { SessionUser } from '@/lib/auth/session-user';
import { hostEscapingSettings, volumeDriverEscapes } from '@/lib/policy/host-escaping';
import { namedVolumesToCheck } from '@/lib/policy/service-host-escape';
import type { BodyCheck } from './allow-list';
import { BodyShapeError, bodyEscapes, createEndpointNetworks, createHostConfigs, serviceMounts, serviceNetworkTargets, withFoldedModes, type EngineFacts } from './body-escapes';
import type { EngineLookups, NetworkFacts } from './engine-objects';
import type { GatewayContext } from './gateway-context';
import { GatewayRefusal, uncheckedRefusal } from './refusal';
import { namedVolumes, sharedContainers } from './shared-objects';

// Modes the engine reads as themselves, never as a network's name or id.
const NETWORK_MODE_WORDS = new Set(['', 'default', 'bridge', 'none', 'host']);

const isHost = (network: NetworkFacts | null) => network !== null && (network.driver === 'host' || network.name === 'host');

/**
 * The networks a create body names that are the host's, by any reference: `host`, the host
 * network's name, full or short id (the engine joins the host network for each), in NetworkMode
 * and in NetworkingConfig. Networks are never renamed and no one can make another host network,
 * so the check holds until the engine reads the name.
 */
async function createHostNetworks(resolver: EngineLookups, body: unknown): Promise<string[]> {
  const references = new Set(createEndpointNetworks(body));
  for (const hostConfig of createHostConfigs(body)) if (hostConfig.NetworkMode) references.add(hostConfig.NetworkMode);
  const found: string[] = [];
  for (const reference of references) {
    if (reference.startsWith('container:')) continue;
    if (reference.toLowerCase() === 'host' || (!NETWORK_MODE_WORDS.has(reference) && isHost(await resolver.network(reference)))) {
      found.push(reference === 'host' ? 'the host network' : `the host network (as ${reference})`);
    }
  }
  return found;
}

/**
 * What a new container would take from existing objects: the namespaces or volumes of a container
 * that has the host, a named volume made with driver options (a host path). The policy resolves
 * the same references once more and forwards the ids it checked (apply-policy.ts).
 */
async function sharedEscapes(resolver: EngineLookups, body: unknown): Promise<string[]> {
  const found: string[] = [];
  for (const hostConfig of createHostConfigs(body)) {
    for (const reference of sharedContainers(hostConfig)) {
      const container = await resolver.container(reference);
      const escapes = container ? hostEscapingSettings(withFoldedModes(container.hostConfig)) : [];
      if (escapes.length > 0) found.push(`sharing the container ${reference}, which has ${escapes.join(', ')}`);
    }
  }
  for (const hostConfig of createHostConfigs(body)) {
    for (const name of namedVolumes(withFoldedModes(hostConfig))) {
      if (volumeDriverEscapes(await resolver.volumeOptions(name))) found.push(`the volume ${name}, which was made with driver options`);
    }
  }
  return [...new Set(found)];
}

/**
 * A service's network target as the engine's swarm code resolves it: a swarm network by id, name
 * or prefix; failing that a local predefined network (host, bridge, none, by any reference) stands
 * for the swarm network of the same name.
 */
async function resolveServiceNetwork(resolver: EngineLookups, target: string): Promise<NetworkFacts | null> {
  const swarm = await resolver.network(target, 'swarm');
  if (swarm) return swarm;
  const local = await resolver.network(target);
  if (!local || !['host', 'bridge', 'none'].includes(local.name)) return local;
  return (await resolver.network(local.name, 'swarm')) ?? local;
}

/** A service's network targets that are the host network, by any reference. */
async function serviceHostNetworks(resolver: EngineLookups, body: unknown): Promise<string[]> {
  const found: string[] = [];
  for (const target of serviceNetworkTargets(body)) if (isHost(await resolveServiceNetwork(resolver, target))) found.push(target);
  return found;
}

/**
 * The named volumes of a service spec that the manager's engine holds with driver options. Its
 * tasks may run on other nodes, whose volumes the gateway cannot see: the manager's are the ones
 * an admin makes through it.
 */
async function serviceEscapingVolumes(resolver: EngineLookups, body: unknown): Promise<string[]> {
  const found: string[] = [];
  for (const name of namedVolumesToCheck(serviceMounts(body))) {
    if (volumeDriverEscapes(await resolver.volumeOptions(name))) found.push(name);
  }
  return found;
}

function refusalFor(context: GatewayContext, error: unknown): GatewayRefusal {
  if (error instanceof BodyShapeError) return new GatewayRefusal(400, error.message);
  // Unchecked is refused: the call waits for an engine that can answer the check.
  return uncheckedRefusal(context.upstream.url, error);
}

/**
 * Refuses (403, naming each option) a body that gives a non-admin the host: privileged mode,
 * host binds and namespaces, devices, capabilities, security options, the host network by any
 * name or id, on container create, exec create, volume create, service create and update alike.
 * The policy (apply-policy.ts) decides on every other field after this.
 */
export async function assertBodyAllowed(context: GatewayContext, user: SessionUser, check: BodyCheck, body: unknown): Promise<void> {
  if (user.role === 'admin') return;
  let escapes: string[];
  try {
    const engine: EngineFacts = { hostNetworkTargets: [], escapingVolumes: [] };
    if (check === 'service-spec') {
      engine.hostNetworkTargets = await serviceHostNetworks(context.lookups, body);
      engine.escapingVolumes = await serviceEscapingVolumes(context.lookups, body);
    }
    escapes = bodyEscapes(check, body, engine);
    if (check === 'container-create') {
      escapes.push(...(await createHostNetworks(context.lookups, body)));
      escapes.push(...(await sharedEscapes(context.lookups, body)));
    }
  } catch (error) {
    throw refusalFor(context, error);
  }
  escapes = [...new Set(escapes)];
  if (escapes.length > 0) {
    throw new GatewayRefusal(403, `Only an admin may use host-escaping options: ${escapes.join(', ')}. Your account has the ${user.role} role`);
  }
}
