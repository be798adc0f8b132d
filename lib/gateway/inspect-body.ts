import type { SessionUser } from '@/lib/auth/session-user';
import { hostEscapingSettings, type HostConfigShape } from '@/lib/containers/host-escaping';
import type { BodyCheck } from './allow-list';
import { BodyShapeError, bodyEscapes, createHostConfig, serviceNetworkTargets } from './body-escapes';
import type { GatewayContext } from './gateway-context';
import { GatewayRefusal } from './refusal';
import { sharedContainers } from './shared-containers';
import { upstreamJson } from './upstream';

/** What sharing namespaces or volumes with existing containers would bring in from the host. */
async function sharedEscapes(context: GatewayContext, body: unknown): Promise<string[]> {
  const found: string[] = [];
  for (const name of sharedContainers(createHostConfig(body))) {
    const inspected = await upstreamJson(context.upstream, `/containers/${encodeURIComponent(name)}/json`);
    if (inspected.status !== 200 || typeof inspected.body !== 'object' || inspected.body === null) continue;
    const escapes = hostEscapingSettings((inspected.body as { HostConfig?: HostConfigShape }).HostConfig ?? {});
    if (escapes.length > 0) found.push(`sharing the container ${name}, which has ${escapes.join(', ')}`);
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
    const hostNetworkTargets: string[] = [];
    if (check === 'service-spec') {
      for (const target of serviceNetworkTargets(body)) if (await context.isHostNetwork(target)) hostNetworkTargets.push(target);
    }
    escapes = bodyEscapes(check, body, hostNetworkTargets);
    if (check === 'container-create') escapes.push(...(await sharedEscapes(context, body)));
  } catch (error) {
    if (error instanceof BodyShapeError) throw new GatewayRefusal(400, error.message);
    // Unchecked is refused: the call waits for an engine that can answer the check.
    throw new GatewayRefusal(502, `Shipyard could not check this call with the engine at ${context.upstream.url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (escapes.length > 0) {
    throw new GatewayRefusal(403, `Only an admin may use host-escaping options: ${escapes.join(', ')}. Your account has the ${user.role} role`);
  }
}
