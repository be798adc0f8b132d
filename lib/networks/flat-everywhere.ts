// The flat network on several engines at once (each host needs its own br0 network with its own
// gateway address): one result per host, so a host that refused is never hidden by one that agreed.
import type { EngineClient } from '@/lib/docker/engine-client';
import { AppError, ValidationError } from '@/lib/errors/app-error';
import { createNetwork, sameSubnet } from './network-actions';
import type { FlatNetworkInput } from './network-schema';
import { inspectNetwork } from './network-view';

/** One engine to create the network on: its host name (for the report), URL and client (acting for the caller). */
export interface NetworkTarget {
  readonly host: string;
  readonly url: string;
  readonly docker: EngineClient;
}

export type HostOutcome = 'created' | 'exists' | 'failed';

export interface HostResult {
  readonly host: string;
  readonly url: string;
  readonly outcome: HostOutcome;
  /** What happened, in words (Docker's own message when it refused). */
  readonly message: string;
  readonly networkId: string | null;
}

async function createOn(target: NetworkTarget, input: FlatNetworkInput): Promise<HostResult> {
  const base = { host: target.host, url: target.url };
  try {
    const network = await createNetwork(target.docker, input);
    return { ...base, outcome: 'created', message: `created ${network.name} (${network.subnet ?? input.subnet}, gateway ${network.gateway ?? input.gateway})`, networkId: network.id };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof AppError && error.code === 'CONFLICT' && /already exists/i.test(message)) return existing(target, input, message);
    // For a non-admin the policy refuses a bridge name in use before Docker says the name is
    // taken: the network's own bridge, when it is already there.
    if (error instanceof AppError && error.code === 'FORBIDDEN' && message.includes('com.docker.network.bridge.name')) return existing(target, input, message);
    return { ...base, outcome: 'failed', message, networkId: null };
  }
}

/** Docker said the name is taken: the same subnet is this network already there; another is a real clash. */
async function existing(target: NetworkTarget, input: FlatNetworkInput, dockerMessage: string): Promise<HostResult> {
  const base = { host: target.host, url: target.url };
  try {
    const network = await inspectNetwork(target.docker, input.name);
    if (network.subnet === input.subnet) {
      return { ...base, outcome: 'exists', message: `already exists (${network.subnet}, gateway ${network.gateway ?? 'none'}): left as it is`, networkId: network.id };
    }
    return {
      ...base,
      outcome: 'failed',
      message: `a network named ${input.name} already exists here with subnet ${network.subnet ?? 'none'}, not ${input.subnet}: remove it or choose another name`,
      networkId: null,
    };
  } catch {
    return { ...base, outcome: 'failed', message: dockerMessage, networkId: null };
  }
}

/**
 * Creates the flat network on each target, one after the other: the same engine listed twice
 * then reports "already exists" instead of racing itself. A bad gateway or router is refused
 * (ValidationError) before any engine is asked.
 */
export async function createFlatNetworkOn(targets: readonly NetworkTarget[], input: FlatNetworkInput): Promise<HostResult[]> {
  const perHost = targets.map((target) => ({ target, input: { ...input, gateway: gatewayOf(target, input) } }));
  for (const { target, input: hostInput } of perHost) {
    try {
      sameSubnet(hostInput);
    } catch (error) {
      if (hostInput.gateway === input.gateway) throw error;
      const message = `${hostInput.gateway} (the gateway for ${target.host}) is outside the subnet ${input.subnet}: give an address inside it`;
      throw new ValidationError(`gateways: ${message}`, [{ path: `gateways.${target.host}`, message }]);
    }
  }
  const results: HostResult[] = [];
  for (const { target, input: hostInput } of perHost) results.push(await createOn(target, hostInput));
  return results;
}

/** The host's own address when one was given for it (by host name or URL), else the common gateway. */
function gatewayOf(target: NetworkTarget, input: FlatNetworkInput): string {
  return input.gateways?.[target.host] ?? input.gateways?.[target.url] ?? input.gateway;
}

/** "created on 2 hosts, already there on 1, failed on 1 (h3)". */
export function summarize(results: readonly HostResult[]): string {
  const on = (outcome: HostOutcome) => results.filter((result) => result.outcome === outcome);
  const failed = on('failed');
  return [
    `created on ${on('created').length} of ${results.length} host(s)`,
    `already there on ${on('exists').length}`,
    `failed on ${failed.length}${failed.length > 0 ? ` (${failed.map((result) => result.host).join(', ')})` : ''}`,
  ].join(', ');
}
