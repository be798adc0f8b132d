// The policy never asks an engine itself: the caller passes a resolver that looks objects up on
// the engine the request goes to. Each reference is resolved once, checked on what the resolver
// returned, and the returned id is what is forwarded, so a rename between check and use is harmless.

/** A mount of an existing container, as inspect lists it (its `Mounts`, not HostConfig.Mounts). */
export interface InspectedMount {
  readonly Type?: string;
  /** A volume's name (type volume). */
  readonly Name?: string;
  readonly Source?: string;
}

export interface ResolvedContainer {
  readonly id: string;
  readonly name: string;
  /** The container's HostConfig as inspect returns it. */
  readonly hostConfig: Readonly<Record<string, unknown>>;
  /** Every mount the container has, including those from VolumesFrom. */
  readonly mounts: readonly InspectedMount[];
}

export interface ResolvedNetwork {
  readonly id: string;
  readonly name: string;
  /** bridge, overlay, host, null, macvlan… */
  readonly driver: string;
}

export interface ResolvedVolume {
  /** A volume's name is its id. */
  readonly id: string;
  readonly driver: string;
  /** The options it was created with (local driver: type, o, device). */
  readonly options: Readonly<Record<string, string>> | null;
}

export interface ResolvedExec {
  readonly id: string;
  /** The full id of the container the exec runs in. */
  readonly containerId: string;
  /** Whether it was created privileged (exec inspect: ProcessConfig.privileged), e.g. by an admin. */
  readonly privileged: boolean;
}

export interface ResolvedObject {
  readonly id: string;
}

export interface ResolvedReferences {
  container: ResolvedContainer;
  network: ResolvedNetwork;
  volume: ResolvedVolume;
  exec: ResolvedExec;
  service: ResolvedObject;
  node: ResolvedObject;
}

export type ReferenceKind = keyof ResolvedReferences;

export interface PolicyResolver {
  /** The object a name, short id or full id names on the engine, or null when there is none. */
  resolve<Kind extends ReferenceKind>(kind: Kind, ref: string): Promise<ResolvedReferences[Kind] | null>;
  /**
   * Interface names a new bridge must not take on that engine's host: the bridges of its existing
   * networks (docker0, br-<id>, com.docker.network.bridge.name options) and, when known, the
   * host's own interfaces.
   */
  interfacesInUse(): Promise<readonly string[]>;
}
