import { z } from 'zod';
import { createEngineResolver, type PolicyResolver, type ReferenceKind, type ResolvedReferences } from '@/lib/policy';
import { upstreamJson, type Upstream } from './upstream';

/**
 * The policy's resolver (lib/policy engine-resolver.ts) over the gateway's upstream, with one
 * adjustment. On a cgroup v1 engine, CgroupnsMode "host" is what every container gets that did
 * not ask for a mode (the daemon's default there), so inspect cannot tell it from an asked-for
 * one, and the policy would refuse to enter any container an admin made with a plain `docker run`
 * (`docker exec` into it would stop working). Until the policy weighs that itself, the default is
 * reported as the default (empty) mode on such an engine; on cgroup v2 the default is private and
 * "host" is reported as it is.
 */
export function createPolicyResolver(upstream: Upstream): PolicyResolver {
  const engine = createEngineResolver((path) => upstreamJson(upstream, path));
  let cgroupVersion: Promise<string> | undefined;
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

  async function container(reference: string): Promise<ResolvedReferences['container'] | null> {
    const found = await engine.resolve('container', reference);
    if (found?.hostConfig.CgroupnsMode !== 'host' || (await engineCgroupVersion()) !== '1') return found;
    return { ...found, hostConfig: { ...found.hostConfig, CgroupnsMode: '' } };
  }

  return {
    resolve: <Kind extends ReferenceKind>(kind: Kind, reference: string): Promise<ResolvedReferences[Kind] | null> =>
      kind === 'container' ? (container(reference) as Promise<ResolvedReferences[Kind] | null>) : engine.resolve(kind, reference),
    interfacesInUse: () => engine.interfacesInUse(),
  };
}
