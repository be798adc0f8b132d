// The Docker engine as the IPAM tools need it (gc, ls, create-network), behind one small type.
// The dockerode side lives in the Docker boundary (lib/docker/ipam-engine.ts).
import type { RunningContainer } from '../docker/running-containers';

/** A running container and the lower-case MAC of each of its network endpoints. */
export type EngineContainer = RunningContainer;

export interface FlatNetworkSpec {
  readonly name: string;
  readonly ipamDriver: string;
  readonly subnet: string;
  readonly gateway: string;
  readonly router: string;
  readonly bridgeName: string;
  readonly mtu: number;
}

import type { SwarmFlatNetworkSpec } from '../docker/swarm-flat-network';

export interface Engine {
  readonly url: string;
  runningContainers(): Promise<EngineContainer[]>;
  /**
   * Lower-case MACs of every container on the engine, in any state: the MAC it was created with
   * (Config.MacAddress) and the MACs of its running endpoints. A parked address whose MAC is not
   * here has no container to come back to. Without it, parked addresses are kept.
   */
  containerMacs?(): Promise<Set<string>>;
  /** Calls `listener` at each container `destroy` event until the returned stop is called. */
  onContainerDestroyed?(listener: () => void): () => void;
  createFlatNetwork(spec: FlatNetworkSpec): Promise<string>;
  /** This host's config-only network of a swarm flat network (made unless there); its id. */
  createSwarmFlatConfig?(spec: SwarmFlatNetworkSpec): Promise<string>;
  /** The swarm flat network (made unless there); undefined when this engine is no swarm manager. */
  createSwarmFlatNetwork?(spec: SwarmFlatNetworkSpec): Promise<string | undefined>;
}

export const DEFAULT_DOCKER_URL = 'unix:///var/run/docker.sock';

export { connectEngine, dockerOptionsOf } from '../docker/ipam-engine';
export { flatNetworkOptions } from '../docker/flat-network-options';
