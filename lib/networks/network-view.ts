// Docker networks in the console's shape: one boundary, so pages and routes never see Docker's.
import type { EngineClient } from '@/lib/docker/engine-client';

export interface AttachedContainerView {
  readonly id: string;
  readonly name: string;
  readonly ipv4: string | null;
  readonly mac: string | null;
}

export interface NetworkView {
  readonly id: string;
  readonly name: string;
  readonly driver: string;
  readonly scope: string;
  readonly subnet: string | null;
  readonly gateway: string | null;
  readonly ipamDriver: string;
  /** --aux-address entries, e.g. DefaultGatewayIPv4 → the flat network's router. */
  readonly auxAddresses: Readonly<Record<string, string>>;
  readonly attachable: boolean;
  readonly internal: boolean;
  readonly ingress: boolean;
  readonly encrypted: boolean;
  readonly options: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly containers: readonly AttachedContainerView[];
  /** Docker's own networks (bridge, host, none, ingress, docker_gwbridge) cannot be removed. */
  readonly predefined: boolean;
}

interface NetworkInspectShape {
  Id: string;
  Name: string;
  Driver?: string;
  Scope?: string;
  Attachable?: boolean;
  Internal?: boolean;
  Ingress?: boolean;
  Options?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
  IPAM?: { Driver?: string; Config?: { Subnet?: string; Gateway?: string; AuxiliaryAddresses?: Partial<Record<string, string>> }[] | null };
  Containers?: Record<string, { Name?: string; IPv4Address?: string; MacAddress?: string }> | null;
}

/** The boundary's types (dockerode's) give a JSON map's values as possibly missing; JSON never has an undefined value. */
function definedValues(map: Partial<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

const PREDEFINED = new Set(['bridge', 'host', 'none', 'ingress', 'docker_gwbridge']);

export function toNetworkView(network: NetworkInspectShape): NetworkView {
  const config = network.IPAM?.Config?.find((entry) => entry.Subnet && !entry.Subnet.includes(':')) ?? network.IPAM?.Config?.[0];
  const options = network.Options ?? {};
  return {
    id: network.Id,
    name: network.Name,
    driver: network.Driver ?? 'unknown',
    scope: network.Scope ?? 'local',
    subnet: config?.Subnet ?? null,
    gateway: config?.Gateway ?? null,
    ipamDriver: network.IPAM?.Driver ?? 'default',
    auxAddresses: definedValues(config?.AuxiliaryAddresses ?? {}),
    attachable: network.Attachable ?? false,
    internal: network.Internal ?? false,
    ingress: network.Ingress ?? false,
    encrypted: 'encrypted' in options,
    options,
    labels: network.Labels ?? {},
    containers: Object.entries(network.Containers ?? {})
      .filter(([id]) => !id.startsWith('lb-') && !id.startsWith('ep-'))
      .map(([id, endpoint]) => ({
        id,
        name: endpoint.Name ?? id.slice(0, 12),
        ipv4: endpoint.IPv4Address ? (endpoint.IPv4Address.split('/')[0] ?? null) : null,
        mac: endpoint.MacAddress || null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    predefined: PREDEFINED.has(network.Name),
  };
}

export async function listNetworks(docker: EngineClient): Promise<NetworkView[]> {
  const summaries = await docker.listNetworks();
  // The list omits attached containers: inspect each (a network removed meanwhile is skipped).
  const inspected = await Promise.all(summaries.map((summary) => docker.inspectNetwork(summary.Id).catch(() => undefined)));
  return inspected.filter((network) => network !== undefined).map(toNetworkView).sort((a, b) => a.name.localeCompare(b.name));
}

export async function inspectNetwork(docker: EngineClient, idOrName: string): Promise<NetworkView> {
  return toNetworkView(await docker.inspectNetwork(idOrName));
}

/**
 * The swarm manager allocates a swarm-scoped network (overlay, or ConfigFrom: its driver state and subnet) a moment after
 * it is created, and until then inspect shows an empty driver and no subnet. Wait for that,
 * briefly, so the answer describes the network as it will be.
 */
export async function inspectOnceAllocated(docker: EngineClient, id: string): Promise<NetworkView> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const view = await inspectNetwork(docker, id);
    if (view.driver !== '' || Date.now() > deadline) return view;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
