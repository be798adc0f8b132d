// The engines behind the gateway: the manager it has always forwarded to, and each host's engine
// (SHIPYARD_ENGINES, the lab's SHIPYARD_LAB_DOCKERS). Each has its own raw connection, the
// gateway's lookups and the policy's resolver over it: a call is checked on the engine it goes to.
import type { ContainerContext } from '@/lib/engines/context';
import { identify, type EngineHandle } from '@/lib/engines/engines';
import type { PolicyResolver } from '@/lib/policy';
import { createEngineLookups, type EngineLookups } from './engine-objects';
import type { GatewayContext } from './gateway-context';
import { createPolicyResolver } from './policy-resolver';
import { createUpstream, type Upstream } from './upstream';

export interface GatewayEngine {
  readonly handle: EngineHandle;
  readonly upstream: Upstream;
  readonly lookups: EngineLookups;
  readonly policyResolver: PolicyResolver;
}

export interface GatewayEngines {
  /** The manager (SHIPYARD_DOCKER) first, then the hosts' engines; one entry: no routing, no merged list. */
  readonly all: readonly GatewayEngine[];
  /** The same engines as lib/placement and the containers inventory read them, with the claims store. */
  readonly placement: ContainerContext;
}

/** An engine's gateway side: `upstream` given for the manager, whose connection the context already has. */
export function gatewayEngineOf(handle: EngineHandle, upstream: Upstream = createUpstream(handle.endpoint)): GatewayEngine {
  return { handle, upstream, lookups: createEngineLookups(upstream), policyResolver: createPolicyResolver(upstream) };
}

/** The engine's host name (Docker's info.Name), asked once. */
export async function hostOf(engine: GatewayEngine): Promise<string> {
  return (await identify(engine.handle)).identity.host;
}

/** Whether the gateway fronts several engines (and so places, routes and merges). */
export function isMultiEngine(context: GatewayContext): context is GatewayContext & { engines: GatewayEngines } {
  return (context.engines?.all.length ?? 0) > 1;
}

/** The context as one call on `engine` sees it: its connection, lookups and policy resolver. */
export function onEngine(context: GatewayContext, engine: GatewayEngine | null): GatewayContext {
  if (!engine) return context;
  return { ...context, upstream: engine.upstream, lookups: engine.lookups, policyResolver: engine.policyResolver };
}
