import { z } from 'zod';
import type { PolicyResolver, ReferenceKind, ResolvedReferences } from '@/lib/policy';
import { upstreamJson, type Upstream } from './upstream';

// Inspect answers, read as far as the policy needs them.
const record = z.record(z.string(), z.unknown());
const containerSchema = z.looseObject({
  Id: z.string(),
  Name: z.string().optional(),
  HostConfig: record.nullish(),
  Mounts: z.array(z.looseObject({ Type: z.string().optional(), Name: z.string().optional(), Source: z.string().optional() })).nullish(),
});
const networkSchema = z.looseObject({ Id: z.string(), Name: z.string(), Driver: z.string().optional(), Options: z.record(z.string(), z.string()).nullish() });
const volumeSchema = z.looseObject({ Name: z.string(), Driver: z.string().optional(), Options: z.record(z.string(), z.string()).nullish() });
const execSchema = z.looseObject({ ID: z.string(), ContainerID: z.string() });
const swarmObjectSchema = z.looseObject({ ID: z.string() });

/** GET of one engine object by reference; null when the engine does not know it. */
async function inspect<Schema extends z.ZodType>(upstream: Upstream, path: string, schema: Schema): Promise<z.infer<Schema> | null> {
  const found = await upstreamJson(upstream, `/v1.41${path}`);
  if (found.status === 404) return null;
  if (found.status !== 200) throw new Error(`the engine answered ${found.status} to GET ${path}`);
  const parsed = schema.safeParse(found.body);
  if (!parsed.success) throw new Error(`the engine's answer to GET ${path} is not what Shipyard reads`);
  return parsed.data;
}

const BRIDGE_NAME = 'com.docker.network.bridge.name';

/**
 * The policy's resolver (lib/policy/resolver.ts) against the engine the gateway forwards to: each
 * reference (a name, a short or a full id) looked up as the engine resolves it, answered with the
 * full id the policy forwards in its place. Throws when the engine cannot answer: the gateway then
 * answers 502 and forwards nothing.
 */
export function createPolicyResolver(upstream: Upstream): PolicyResolver {
  let cgroupVersion: Promise<string> | undefined;
  /** The engine's cgroup version ("1", "2"), asked once (again after a failure). */
  const engineCgroupVersion = () => {
    cgroupVersion ??= upstreamJson(upstream, '/v1.41/info').then(
      (found) => z.looseObject({ CgroupVersion: z.string().optional() }).parse(found.body).CgroupVersion ?? '1',
      (error: unknown) => {
        cgroupVersion = undefined;
        throw error;
      },
    );
    return cgroupVersion;
  };

  /**
   * On a cgroup v1 engine, CgroupnsMode "host" is what every container gets that did not ask for
   * a mode (the daemon's default there), so inspect cannot tell it from an asked-for one: the
   * policy would refuse to enter any container an admin made with plain `docker run`. Until the
   * policy weighs that itself, the default is reported as the empty (default) mode on such an
   * engine; on cgroup v2 the default is private and "host" is reported as it is.
   */
  async function asAsked(hostConfig: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (hostConfig.CgroupnsMode !== 'host' || (await engineCgroupVersion()) !== '1') return hostConfig;
    return { ...hostConfig, CgroupnsMode: '' };
  }

  async function lookUp(kind: ReferenceKind, reference: string): Promise<ResolvedReferences[ReferenceKind] | null> {
    const at = encodeURIComponent(reference);
    switch (kind) {
      case 'container': {
        const found = await inspect(upstream, `/containers/${at}/json`, containerSchema);
        return found && { id: found.Id, name: (found.Name ?? '').replace(/^\//, ''), hostConfig: await asAsked(found.HostConfig ?? {}), mounts: found.Mounts ?? [] };
      }
      case 'network': {
        // Without a scope the manager's engine looks among its local and its swarm networks, as a service's target is read.
        const found = await inspect(upstream, `/networks/${at}`, networkSchema);
        return found && { id: found.Id, name: found.Name, driver: found.Driver ?? '' };
      }
      case 'volume': {
        const found = await inspect(upstream, `/volumes/${at}`, volumeSchema);
        return found && { id: found.Name, driver: found.Driver ?? '', options: found.Options ?? null };
      }
      case 'exec': {
        const found = await inspect(upstream, `/exec/${at}/json`, execSchema);
        return found && { id: found.ID, containerId: found.ContainerID };
      }
      case 'service':
      case 'node': {
        const found = await inspect(upstream, `/${kind}s/${at}`, swarmObjectSchema);
        return found && { id: found.ID };
      }
    }
  }
  return {
    async resolve<Kind extends ReferenceKind>(kind: Kind, reference: string) {
      if (reference === '') return null;
      return (await lookUp(kind, reference)) as ResolvedReferences[Kind] | null;
    },
    async interfacesInUse() {
      const found = await upstreamJson(upstream, '/v1.41/networks');
      const networks = z.array(networkSchema).safeParse(found.body);
      if (found.status !== 200 || !networks.success) throw new Error(`the engine answered ${found.status} to GET /networks`);
      return networks.data
        .filter((network) => network.Driver === 'bridge')
        .map((network) => network.Options?.[BRIDGE_NAME] ?? (network.Name === 'bridge' ? 'docker0' : `br-${network.Id.slice(0, 12)}`));
    },
  };
}
