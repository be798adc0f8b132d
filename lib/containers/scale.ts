import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { readContainerInspect } from '@/lib/docker/container-inspect';
import { translateDockerError } from '@/lib/docker/docker-errors';
import { audited } from '@/lib/audit/audited';
import { toContainerSummary, type ContainerSummary } from './container-summary';
import type { Actor, ContainerContext } from './context';
import { assertMayUseHostOptions, hostEscapingSettings, type HostConfigShape } from './host-escaping';
import { targetOf } from './lifecycle';
import { locateContainer } from './locate';

/** Marks a clone with the container it was copied from. */
export const CLONE_OF_LABEL = 'io.shipyard.clone-of';

interface CloneSource {
  Name?: string;
  Config?: Docker.ContainerCreateOptions & { Labels?: Record<string, string> };
  HostConfig?: Docker.HostConfig & HostConfigShape;
}

/**
 * The create body of a copy: the same image, command, environment, limits and network, but
 * no fixed address and no fixed host ports (both would collide with the original).
 */
export function cloneOptions(source: CloneSource, name: string): Docker.ContainerCreateOptions {
  const config = source.Config ?? {};
  const hostConfig: Docker.HostConfig = { ...(source.HostConfig ?? {}) };
  if (hostConfig.PortBindings) {
    const bindings: Record<string, { HostPort: string; HostIp?: string }[]> = {};
    for (const [port, list] of Object.entries(hostConfig.PortBindings as Record<string, { HostIp?: string; HostPort?: string }[] | null>)) {
      bindings[port] = (list ?? []).map((binding) => ({ HostPort: '', ...(binding.HostIp ? { HostIp: binding.HostIp } : {}) }));
    }
    hostConfig.PortBindings = bindings;
  }
  return {
    name,
    Image: config.Image,
    Cmd: config.Cmd,
    Entrypoint: config.Entrypoint,
    Env: config.Env,
    WorkingDir: config.WorkingDir,
    User: config.User,
    Tty: config.Tty,
    OpenStdin: config.OpenStdin,
    StopSignal: config.StopSignal,
    ExposedPorts: config.ExposedPorts,
    Labels: { ...(config.Labels ?? {}), [CLONE_OF_LABEL]: (source.Name ?? '').replace(/^\//, '') },
    HostConfig: hostConfig,
  };
}

/** Shipyard's scale: N running copies of a container on its host. Copying a host-escaping container is admin-only. */
export async function scaleContainer(
  context: ContainerContext,
  actor: Actor,
  reference: string,
  host: string | undefined,
  count: number,
): Promise<ContainerSummary[]> {
  const located = await locateContainer(context, reference, host);
  const source = located.inspect;
  assertMayUseHostOptions(actor.role, hostEscapingSettings(source.HostConfig ?? {}));
  const baseName = (source.Name ?? 'container').replace(/^\//, '');
  return audited(actor, { action: 'container.scale', target: targetOf(located), details: { id: located.inspect.Id.slice(0, 12), count } }, async () => {
    const clones: ContainerSummary[] = [];
    for (let index = 0; index < count; index += 1) {
      try {
        const container = await located.engine.docker.createContainer(cloneOptions(source, `${baseName}-${randomBytes(3).toString('hex')}`));
        await container.start();
        const inspect = await readContainerInspect(container);
        clones.push(toContainerSummary(inspect, located.engine.identity.host, context.flatNetwork));
      } catch (error) {
        const translated = translateDockerError(error, located.engine.url);
        translated.message = `Copy ${index + 1} of ${count} failed (${clones.length} made: ${clones.map((clone) => clone.name).join(', ') || 'none'}): ${translated.message}`;
        throw translated;
      }
    }
    return clones;
  });
}
