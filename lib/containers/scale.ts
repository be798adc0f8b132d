import { randomBytes } from 'node:crypto';
import { assertMayCopyCpuset } from '@/lib/placement/exclusive-guard';
import { asEngineError } from '@/lib/docker/engine-client';
import { userCaller } from '@/lib/docker/engine-request';
import type { ContainerCreateOptions, ContainerHostConfig } from '@/lib/docker/engine-shapes';
import { newStickyMac } from '@/lib/ipam/sticky-mac';
import { audited } from '@/lib/audit/audited';
import { toContainerSummary, type ContainerSummary } from './container-summary';
import type { Actor, ContainerContext } from '@/lib/engines/context';
import { assertMayUseHostOptions, hostEscapingSettings, type HostConfigShape } from '@/lib/policy/host-escaping';
import { targetOf } from './lifecycle';
import { locateContainer } from '@/lib/engines/locate';

/** Marks a clone with the container it was copied from. */
export const CLONE_OF_LABEL = 'io.shipyard.clone-of';

interface CloneSource {
  Name?: string;
  Config?: ContainerCreateOptions & { Labels?: Record<string, string> };
  HostConfig?: ContainerHostConfig & HostConfigShape;
}

/**
 * The create body of a copy: the same image, command, environment, limits and network, but
 * no fixed address and no fixed host ports (both would collide with the original).
 */
export function cloneOptions(source: CloneSource, name: string): ContainerCreateOptions {
  const config = source.Config ?? {};
  const hostConfig: ContainerHostConfig = { ...(source.HostConfig ?? {}) };
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
    // Never the original's MAC (it would get the original's address): a copy gets one of its own.
    ...(config.MacAddress ? { MacAddress: newStickyMac() } : {}),
    Labels: { ...(config.Labels ?? {}), [CLONE_OF_LABEL]: (source.Name ?? '').replace(/^\//, '') },
    HostConfig: hostConfig,
  };
}

/**
 * A non-admin's copy leaves CgroupnsMode "host" out: inspect reports it for every container of a
 * cgroup v1 engine (its default there), and the policy refuses it in a create body; the copy gets
 * a private cgroup namespace instead. An admin's copy keeps what the original has.
 */
function cloneFor(actor: Pick<Actor, 'role'>, options: ContainerCreateOptions): ContainerCreateOptions {
  const hostConfig: (ContainerHostConfig & { CgroupnsMode?: string }) | undefined = options.HostConfig;
  if (actor.role === 'admin' || !hostConfig || hostConfig.CgroupnsMode?.toLowerCase() !== 'host') return options;
  const { CgroupnsMode: _default, ...rest } = hostConfig;
  return { ...options, HostConfig: rest };
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
  await assertMayCopyCpuset(context, located.engine.identity.host, baseName, source.HostConfig?.CpusetCpus);
  const client = located.engine.client.as(userCaller(actor));
  return audited(actor, { action: 'container.scale', target: targetOf(located), details: { id: located.inspect.Id.slice(0, 12), count } }, async () => {
    const clones: ContainerSummary[] = [];
    for (let index = 0; index < count; index += 1) {
      try {
        const container = await client.createContainer(cloneFor(actor, cloneOptions(source, `${baseName}-${randomBytes(3).toString('hex')}`)));
        await client.containerAction(container.id, 'start');
        const inspect = await client.inspectContainer(container.id);
        clones.push(toContainerSummary(inspect, located.engine.identity.host, context.flatNetwork));
      } catch (error) {
        const translated = asEngineError(error);
        translated.message = `Copy ${index + 1} of ${count} failed (${clones.length} made: ${clones.map((clone) => clone.name).join(', ') || 'none'}): ${translated.message}`;
        throw translated;
      }
    }
    return clones;
  });
}
