// A resolver over a fixed set of engine objects, for the policy's unit tests: finds by full id,
// by name, or by a unique id prefix, as the engine does.
import type { PolicyResolver, ReferenceKind, ResolvedContainer, ResolvedExec, ResolvedNetwork, ResolvedObject, ResolvedReferences, ResolvedVolume } from '../resolver';

export interface FakeEngine {
  readonly containers?: readonly ResolvedContainer[];
  readonly networks?: readonly ResolvedNetwork[];
  readonly volumes?: readonly ResolvedVolume[];
  readonly execs?: readonly ResolvedExec[];
  readonly services?: ReadonlyArray<ResolvedObject & { readonly name: string }>;
  readonly nodes?: ReadonlyArray<ResolvedObject & { readonly name: string }>;
  readonly interfaces?: readonly string[];
}

const nameOf = (object: object): string | undefined => ('name' in object && typeof object.name === 'string' ? object.name : undefined);

function find<Found extends ResolvedObject>(objects: readonly Found[] | undefined, ref: string): Found | null {
  const all = objects ?? [];
  const exact = all.find((object) => object.id === ref || nameOf(object) === ref || nameOf(object) === ref.replace(/^\//, ''));
  if (exact) return exact;
  const byPrefix = all.filter((object) => ref.length > 0 && object.id.startsWith(ref));
  return byPrefix.length === 1 ? (byPrefix[0] ?? null) : null;
}

export class FakeResolver implements PolicyResolver {
  readonly asked: Array<[ReferenceKind, string]> = [];
  constructor(private readonly engine: FakeEngine) {}

  resolve<Kind extends ReferenceKind>(kind: Kind, ref: string): Promise<ResolvedReferences[Kind] | null> {
    this.asked.push([kind, ref]);
    const tables: { [K in ReferenceKind]: readonly ResolvedReferences[K][] | undefined } = {
      container: this.engine.containers,
      network: this.engine.networks,
      volume: this.engine.volumes,
      exec: this.engine.execs,
      service: this.engine.services,
      node: this.engine.nodes,
    };
    return Promise.resolve(find(tables[kind], ref));
  }

  interfacesInUse(): Promise<readonly string[]> {
    return Promise.resolve(this.engine.interfaces ?? []);
  }
}

export const hex64 = (seed: string): string => seed.repeat(64).slice(0, 64);

export function container(name: string, seed: string, hostConfig: Record<string, unknown> = {}, mounts: ResolvedContainer['mounts'] = []): ResolvedContainer {
  return { id: hex64(seed), name, hostConfig: { NetworkMode: 'bridge', MaskedPaths: ['/proc/kcore'], ReadonlyPaths: ['/proc/sys'], ...hostConfig }, mounts };
}

/** An engine as the tests need it: the host, bridge and none networks, a flat network, an ordinary and a host-escaping container. */
export const ENGINE: FakeEngine = {
  networks: [
    { id: hex64('a1'), name: 'host', driver: 'host' },
    { id: hex64('b2'), name: 'bridge', driver: 'bridge' },
    { id: hex64('c3'), name: 'none', driver: 'null' },
    { id: hex64('d4'), name: 'flat', driver: 'bridge' },
    { id: hex64('e5'), name: 'swarm-host', driver: 'host' },
  ],
  containers: [
    container('web', '1f', { CgroupnsMode: 'host' }),
    container('rooted', '2e', { Binds: ['/:/host'] }, [{ Type: 'bind', Source: '/' }]),
    container('hostnet', '3d', { NetworkMode: 'host' }),
    container('privileged', '4c', { Privileged: true }),
    container('sharer', '5b', { PidMode: `container:${hex64('4c')}` }),
    container('unmasked', '6a', { MaskedPaths: [] }),
    container('with-bound-volume', '79', {}, [{ Type: 'volume', Name: 'hostroot' }]),
  ],
  volumes: [
    { id: 'data', driver: 'local', options: null },
    { id: 'hostroot', driver: 'local', options: { type: 'none', o: 'bind', device: '/' } },
  ],
  execs: [
    { id: hex64('e1'), containerId: hex64('1f'), privileged: false },
    { id: hex64('e2'), containerId: hex64('2e'), privileged: false },
    { id: hex64('e3'), containerId: hex64('1f'), privileged: true },
  ],
  services: [{ id: 'svc0000000000000000000001', name: 'api' }],
  nodes: [{ id: 'node000000000000000000001', name: 'manager-1' }],
  interfaces: ['docker0', 'br-0123456789ab', 'br0', 'syb123'],
};
