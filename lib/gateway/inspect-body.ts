import type { SessionUser } from '@/lib/auth/session-user';
import { hostEscapingSettings, volumeDriverEscapes } from '@/lib/containers/host-escaping';
import { namedVolumesToCheck } from '@/lib/swarm/host-escape';
import type { BodyCheck } from './allow-list';
import { BodyShapeError, bodyEscapes, createEndpointNetworks, createHostConfigs, serviceMounts, withFoldedModes, type EngineFacts } from './body-escapes';
import type { EngineResolver, NetworkFacts } from './engine-objects';
import type { GatewayContext } from './gateway-context';
import { containerReferences, encodePinnedBody, serviceNetworkReferences } from './pin-references';
import { GatewayRefusal } from './refusal';
import { namedVolumes } from './shared-objects';

/** A reference the engine does not know: refused rather than forwarded, or a rename could fill it in between. */
class UnknownReference extends GatewayRefusal {
  constructor(kind: string, reference: string) {
    super(404, `No such ${kind}: ${reference}`);
  }
}

// Modes the engine reads as themselves, never as a network's name or id.
const NETWORK_MODE_WORDS = new Set(['', 'default', 'bridge', 'none', 'host']);

const isHost = (network: NetworkFacts | null) => network !== null && (network.driver === 'host' || network.name === 'host');

/**
 * The networks a create body names that are the host's, by any reference: `host`, the host
 * network's name, full or short id (the engine joins the host network for each), in NetworkMode
 * and in NetworkingConfig. Networks are never renamed and no one can make another host network,
 * so the check holds until the engine reads the name.
 */
async function createHostNetworks(resolver: EngineResolver, body: unknown): Promise<string[]> {
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
 * that has the host, a named volume made with driver options (a host path). Each container it
 * names is pinned to its full id in the body, so the one checked is the one the engine uses.
 */
async function sharedEscapes(resolver: EngineResolver, body: unknown): Promise<string[]> {
  const found: string[] = [];
  for (const shared of containerReferences(body)) {
    const container = await resolver.container(shared.reference);
    if (!container) throw new UnknownReference('container', shared.reference);
    shared.pin(container.id);
    const escapes = hostEscapingSettings(withFoldedModes(container.hostConfig));
    if (escapes.length > 0) found.push(`sharing the container ${shared.reference}, which has ${escapes.join(', ')}`);
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
async function resolveServiceNetwork(resolver: EngineResolver, target: string): Promise<NetworkFacts | null> {
  const swarm = await resolver.network(target, 'swarm');
  if (swarm) return swarm;
  const local = await resolver.network(target);
  if (!local || !['host', 'bridge', 'none'].includes(local.name)) return local;
  return (await resolver.network(local.name, 'swarm')) ?? local;
}

/** A service's host networks, by any reference; each target is pinned to the id it resolves to. */
async function serviceHostNetworks(resolver: EngineResolver, body: unknown): Promise<string[]> {
  const found: string[] = [];
  for (const target of serviceNetworkReferences(body)) {
    const network = await resolveServiceNetwork(resolver, target.reference);
    if (!network) throw new UnknownReference('network', target.reference);
    target.pin(network.id);
    if (isHost(network)) found.push(target.reference, network.id);
  }
  return found;
}

/**
 * The named volumes of a service spec that the manager's engine holds with driver options. Its
 * tasks may run on other nodes, whose volumes the gateway cannot see: the manager's are the ones
 * an admin makes through it.
 */
async function serviceEscapingVolumes(resolver: EngineResolver, body: unknown): Promise<string[]> {
  const found: string[] = [];
  for (const name of namedVolumesToCheck(serviceMounts(body))) {
    if (volumeDriverEscapes(await resolver.volumeOptions(name))) found.push(name);
  }
  return found;
}

function refusalFor(context: GatewayContext, error: unknown): GatewayRefusal {
  if (error instanceof GatewayRefusal) return error;
  if (error instanceof BodyShapeError) return new GatewayRefusal(400, error.message);
  // Unchecked is refused: the call waits for an engine that can answer the check.
  return new GatewayRefusal(502, `Shipyard could not check this call with the engine at ${context.upstream.url}: ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * Refuses (403, naming each option) a body that gives a non-admin the host: privileged mode,
 * host binds and namespaces, devices, capabilities, security options, the host network by any
 * name or id, on container create, exec create, volume create, service create and update alike.
 * Answers the body to forward: the one given, or (when it named containers or networks) the
 * same with each reference pinned to the full id that was checked.
 */
export async function assertBodyAllowed(context: GatewayContext, user: SessionUser, check: BodyCheck, body: unknown, raw: Buffer): Promise<Buffer> {
  if (user.role === 'admin') return raw;
  let escapes: string[];
  let pinned = false;
  try {
    const engine: EngineFacts = { hostNetworkTargets: [], escapingVolumes: [] };
    if (check === 'service-spec') {
      engine.hostNetworkTargets = await serviceHostNetworks(context.resolver, body);
      engine.escapingVolumes = await serviceEscapingVolumes(context.resolver, body);
      pinned = serviceNetworkReferences(body).length > 0;
    }
    escapes = bodyEscapes(check, body, engine);
    if (check === 'container-create') {
      escapes.push(...(await createHostNetworks(context.resolver, body)));
      escapes.push(...(await sharedEscapes(context.resolver, body)));
      pinned = containerReferences(body).length > 0;
    }
  } catch (error) {
    throw refusalFor(context, error);
  }
  escapes = [...new Set(escapes)];
  if (escapes.length > 0) {
    throw new GatewayRefusal(403, `Only an admin may use host-escaping options: ${escapes.join(', ')}. Your account has the ${user.role} role`);
  }
  return pinned ? encodePinnedBody(body) : raw;
}

/** The spec a service rollback restores, checked as an update body would be (the engine ignores the body sent). */
export async function assertRollbackAllowed(context: GatewayContext, user: SessionUser, service: string, version: string | undefined): Promise<string> {
  let found;
  try {
    found = await context.resolver.service(service);
  } catch (error) {
    throw refusalFor(context, error);
  }
  if (!found) throw new UnknownReference('service', service);
  if (user.role === 'admin') return found.id;
  // The version binds the check to the spec the engine will restore: an update in between fails there.
  if (version !== String(found.version)) {
    throw new GatewayRefusal(400, `A rollback must name the service's current version (${found.version}) in ?version=, so Shipyard checks the spec that is restored`);
  }
  if (found.previousSpec === null) return found.id;
  await assertBodyAllowed(context, user, 'service-spec', found.previousSpec, Buffer.alloc(0)).catch((error: unknown) => {
    if (error instanceof GatewayRefusal && error.status === 403) throw new GatewayRefusal(403, `The rollback restores the service's previous spec, and there: ${error.message}`);
    throw error;
  });
  return found.id;
}
