// The Docker engine as the IPAM tools need it (gc, ls, create-network), behind one small type so
// dockerode's shapes stay in this file. Calls are bounded: a dead engine must not hang gc.
// dockerode is loaded on first use: it weighs about 24 MB, and the server only needs it for gc.
import type Docker from 'dockerode';
import { EngineUnavailableError } from './errors';
import { engineAt, hideSocketPaths } from '@/lib/docker/engine-address';

const ENGINE_TIMEOUT_MS = 10_000;

export interface EngineContainer {
  readonly id: string;
  readonly name: string;
  /** Lower-case MAC of each network endpoint of the running container. */
  readonly macs: readonly string[];
}

export interface FlatNetworkSpec {
  readonly name: string;
  readonly ipamDriver: string;
  readonly subnet: string;
  readonly gateway: string;
  readonly router: string;
  readonly bridgeName: string;
  readonly mtu: number;
}

export interface Engine {
  readonly url: string;
  runningContainers(): Promise<EngineContainer[]>;
  createFlatNetwork(spec: FlatNetworkSpec): Promise<string>;
}

export const DEFAULT_DOCKER_URL = 'unix:///var/run/docker.sock';

export function dockerOptionsOf(url: string): Docker.DockerOptions {
  if (url.startsWith('unix://')) return { socketPath: url.slice('unix://'.length) };
  if (url.startsWith('/')) return { socketPath: url };
  const parsed = new URL(url.replace(/^tcp:/, 'http:'));
  return { host: parsed.hostname, port: parsed.port || 2375, protocol: parsed.protocol === 'https:' ? 'https' : 'http' };
}

/** The seed's flat-network options, exactly (docs/ipam.md). */
export function flatNetworkOptions(spec: FlatNetworkSpec): Docker.NetworkCreateOptions {
  return {
    Name: spec.name,
    CheckDuplicate: true,
    Driver: 'bridge',
    IPAM: {
      Driver: spec.ipamDriver,
      Config: [{ Subnet: spec.subnet, Gateway: spec.gateway, AuxiliaryAddresses: { DefaultGatewayIPv4: spec.router } }],
    },
    Options: {
      'com.docker.network.bridge.enable_icc': 'true',
      'com.docker.network.bridge.enable_ip_masquerade': 'false',
      'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
      'com.docker.network.bridge.name': spec.bridgeName,
      'com.docker.network.driver.mtu': String(spec.mtu),
    },
  };
}

let dockerode: Promise<typeof Docker> | undefined;
function loadDockerode(): Promise<typeof Docker> {
  dockerode ??= import('dockerode').then((module) => module.default);
  return dockerode;
}

export function connectEngine(url: string): Engine {
  let client: Promise<Docker> | undefined;
  const docker = () => (client ??= loadDockerode().then((Dockerode) => new Dockerode({ ...dockerOptionsOf(url), timeout: ENGINE_TIMEOUT_MS })));
  const unavailable = (error: unknown) =>
    new EngineUnavailableError(
      `the Docker engine${engineAt(url)} did not answer (${hideSocketPaths(error instanceof Error ? error.message : String(error))}): ` +
        'check that it runs, or pass --docker with its address',
    );
  return {
    url,
    async runningContainers() {
      const containers = await (await docker()).listContainers().catch((error: unknown) => {
        throw unavailable(error);
      });
      return containers.map((container) => ({
        id: container.Id,
        name: (container.Names[0] ?? container.Id).replace(/^\//, ''),
        macs: Object.values(container.NetworkSettings?.Networks ?? {})
          .map((endpoint) => endpoint.MacAddress.toLowerCase())
          .filter(Boolean),
      }));
    },
    async createFlatNetwork(spec) {
      const network = await (await docker()).createNetwork(flatNetworkOptions(spec));
      return network.id;
    },
  };
}
