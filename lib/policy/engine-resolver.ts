// A PolicyResolver that asks the engine the request goes to, over any transport: the gateway
// passes its upstream (lib/gateway/upstream.ts upstreamJson), the console its dockerode modem.
// The engine resolves a name, a full id or a unique id prefix the same way it will when the
// request arrives, and answers with the full id the policy forwards.
import { z } from 'zod';
import { PINNED_DEFAULT_VERSION } from './api-version';
import type { PolicyResolver, ReferenceKind, ResolvedReferences } from './resolver';

/** A GET to the engine, answered with the status and the parsed JSON body. Throws when the engine is away. */
export type EngineGet = (path: string) => Promise<{ readonly status: number; readonly body: unknown }>;

const stringMap = z.record(z.string(), z.string()).nullish();
const containerSchema = z.looseObject({
  Id: z.string(),
  Name: z.string(),
  HostConfig: z.record(z.string(), z.unknown()).nullish(),
  Mounts: z.array(z.looseObject({ Type: z.string().optional(), Name: z.string().optional(), Source: z.string().optional() })).nullish(),
});
const networkSchema = z.looseObject({ Id: z.string(), Name: z.string(), Driver: z.string(), Options: stringMap });
const volumeSchema = z.looseObject({ Name: z.string(), Driver: z.string(), Options: stringMap });
const execSchema = z.looseObject({ ID: z.string(), ContainerID: z.string(), ProcessConfig: z.looseObject({ privileged: z.boolean().optional() }).nullish() });
const swarmObjectSchema = z.looseObject({ ID: z.string() });

const PATHS: Record<ReferenceKind, string> = { container: 'containers', network: 'networks', volume: 'volumes', exec: 'exec', service: 'services', node: 'nodes' };

/** A reference that could only route somewhere else once in a path: refused as "no such object". */
const unusable = (ref: string): boolean => ref === '' || ref === '.' || ref === '..' || ref.includes('/') || ref.includes('\0');

/** Bridge names an engine's networks use: each bridge network's own option, else docker0 or br-<id12>. */
export function bridgeNamesOf(networks: ReadonlyArray<z.infer<typeof networkSchema>>): string[] {
  const names = new Set(['docker0', 'docker_gwbridge']);
  for (const network of networks) {
    if (network.Driver !== 'bridge') continue;
    const named = network.Options?.['com.docker.network.bridge.name'];
    names.add(named ?? (network.Name === 'bridge' ? 'docker0' : `br-${network.Id.slice(0, 12)}`));
  }
  return [...names];
}

export function createEngineResolver(get: EngineGet, version: string = PINNED_DEFAULT_VERSION): PolicyResolver {
  async function inspect<Schema extends z.ZodType>(path: string, schema: Schema): Promise<z.infer<Schema> | null> {
    const answer = await get(`/v${version}${path}`);
    if (answer.status === 404) return null;
    if (answer.status !== 200) throw new Error(`the engine answered ${answer.status} to GET ${path}`);
    const parsed = schema.safeParse(answer.body);
    if (!parsed.success) throw new Error(`the engine's answer to GET ${path} is not what Shipyard reads`);
    return parsed.data;
  }

  const path = (kind: ReferenceKind, ref: string): string => `/${PATHS[kind]}/${encodeURIComponent(ref)}${kind === 'exec' || kind === 'container' ? '/json' : ''}`;

  const resolvers: { [Kind in ReferenceKind]: (ref: string) => Promise<ResolvedReferences[Kind] | null> } = {
    async container(ref) {
      const found = await inspect(path('container', ref), containerSchema);
      return found && { id: found.Id, name: found.Name.replace(/^\//, ''), hostConfig: found.HostConfig ?? {}, mounts: found.Mounts ?? [] };
    },
    async network(ref) {
      const found = await inspect(path('network', ref), networkSchema);
      return found && { id: found.Id, name: found.Name, driver: found.Driver };
    },
    async volume(ref) {
      const found = await inspect(path('volume', ref), volumeSchema);
      return found && { id: found.Name, driver: found.Driver, options: found.Options ?? null };
    },
    async exec(ref) {
      const found = await inspect(path('exec', ref), execSchema);
      return found && { id: found.ID, containerId: found.ContainerID, privileged: found.ProcessConfig?.privileged === true };
    },
    async service(ref) {
      const found = await inspect(path('service', ref), swarmObjectSchema);
      return found && { id: found.ID };
    },
    async node(ref) {
      const found = await inspect(path('node', ref), swarmObjectSchema);
      return found && { id: found.ID };
    },
  };

  return {
    resolve: <Kind extends ReferenceKind>(kind: Kind, ref: string): Promise<ResolvedReferences[Kind] | null> => (unusable(ref) ? Promise.resolve(null) : resolvers[kind](ref)),
    async interfacesInUse() {
      const answer = await get(`/v${version}/networks`);
      if (answer.status !== 200) throw new Error(`the engine answered ${answer.status} to GET /networks`);
      const parsed = z.array(networkSchema).safeParse(answer.body);
      if (!parsed.success) throw new Error("the engine's network list is not what Shipyard reads");
      return bridgeNamesOf(parsed.data);
    },
  };
}
