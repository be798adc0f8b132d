// The swarm-scoped flat network: a config-only network on every host, then the swarm network
// once on the manager (swarm-flat-options.ts says why). A result per host, as for the local flat
// network, and nothing is created while any host lacks the managed IPAM plugin.
import type { EngineClient } from '@/lib/docker/engine-client';
import { asEngineError } from '@/lib/docker/engine-client';
import { AppError } from '@/lib/errors/app-error';
import { summarize, type HostResult, type NetworkTarget } from './flat-everywhere';
import { checkIpamPluginPresent, IpamPluginMissingError, type ManagedPluginEntry, translateIpamPluginError } from './ipam-plugin-missing';
import { sameSubnet } from './network-actions';
import type { SwarmFlatNetworkInput } from './network-schema';
import { inspectNetwork, inspectOnceAllocated, type NetworkView } from './network-view';
import { configNetworkName, swarmFlatConfigOptions, swarmFlatNetworkOptions } from './swarm-flat-options';

export interface SwarmFlatPlan {
  readonly manager: EngineClient;
  /** Every host the swarm's tasks may run on (the manager among them). */
  readonly hosts: readonly NetworkTarget[];
  /** SHIPYARD_SWARM_IPAM_DRIVER. */
  readonly ipamDriver: string;
  /** A host's managed IPAM plugins (read as the console: the plugin list is an admin's read). */
  plugins(host: NetworkTarget): Promise<readonly ManagedPluginEntry[]>;
}

export interface SwarmFlatResult {
  readonly results: HostResult[];
  readonly summary: string;
  /** The swarm network, when the manager created it (or had it already). */
  readonly network: NetworkView | null;
}

/** Every host must have the plugin: a task placed on a host without it would never start. */
async function requirePluginEverywhere(plan: SwarmFlatPlan): Promise<void> {
  const missing: string[] = [];
  await Promise.all(
    plan.hosts.map(async (host) => {
      try {
        checkIpamPluginPresent(await plan.plugins(host), plan.ipamDriver);
      } catch (error) {
        if (!(error instanceof IpamPluginMissingError)) throw error;
        missing.push(host.host);
      }
    }),
  );
  if (missing.length > 0) throw new IpamPluginMissingError(plan.ipamDriver, ` (or not enabled) on ${missing.sort().join(', ')}`);
}

const alreadyExists = (error: unknown) => error instanceof AppError && error.code === 'CONFLICT' && /already exists/i.test(error.message);

async function configOn(host: NetworkTarget, input: SwarmFlatNetworkInput, ipamDriver: string): Promise<HostResult> {
  const base = { host: host.host, url: host.url };
  const gateway = input.gateways?.[host.host] ?? input.gateways?.[host.url] ?? input.gateway;
  try {
    const { id } = await host.docker.createNetwork(swarmFlatConfigOptions(input, ipamDriver, gateway));
    return { ...base, outcome: 'created', message: `configured ${configNetworkName(input.name)} (${input.subnet}, gateway ${gateway})`, networkId: id };
  } catch (error) {
    if (!alreadyExists(error)) return { ...base, outcome: 'failed', message: asEngineError(error).message, networkId: null };
    const existing = await inspectNetwork(host.docker, configNetworkName(input.name)).catch(() => null);
    if (existing?.subnet === input.subnet) return { ...base, outcome: 'exists', message: `${configNetworkName(input.name)} already there (${input.subnet}): left as it is`, networkId: existing.id };
    return { ...base, outcome: 'failed', message: `a network named ${configNetworkName(input.name)} already exists here with subnet ${existing?.subnet ?? 'none'}: remove it or choose another name`, networkId: null };
  }
}

export async function createSwarmFlatNetwork(plan: SwarmFlatPlan, input: SwarmFlatNetworkInput): Promise<SwarmFlatResult> {
  sameSubnet(input);
  await requirePluginEverywhere(plan);
  const results: HostResult[] = [];
  for (const host of plan.hosts) results.push(await configOn(host, input, plan.ipamDriver));
  if (!results.some((result) => result.outcome !== 'failed')) return { results, summary: `${summarize(results)}; the swarm network was not created`, network: null };
  let network: NetworkView;
  try {
    const { id } = await plan.manager.createNetwork(swarmFlatNetworkOptions(input));
    network = await inspectOnceAllocated(plan.manager, id);
  } catch (error) {
    if (!alreadyExists(error)) throw translateIpamPluginError(error, plan.ipamDriver);
    network = await inspectNetwork(plan.manager, input.name);
  }
  return { results, summary: `${summarize(results)}; swarm network ${network.name} (${network.scope}) on the manager`, network };
}
