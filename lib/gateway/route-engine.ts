// The engine a routed call goes to (call-route.ts says which kind of call it is). A container is
// looked up in each engine's event-fed inventory (lib/engines/container-inventory.ts: no engine
// call while nothing changed); one not found there, e.g. created a moment ago and its event not
// yet in, is asked of every engine live. An exec is asked of every engine (execs have no events).
import { listContainersOn } from '@/lib/containers/list-containers';
import { identify } from '@/lib/engines/engines';
import type { CallRoute } from './call-route';
import { resolveAcrossHosts, type NamedContainer } from './container-reference';
import { hostOf, isMultiEngine, type GatewayEngine, type GatewayEngines } from './gateway-engines';
import type { GatewayContext } from './gateway-context';
import { GatewayRefusal } from './refusal';

async function inventoryOf(engines: GatewayEngines, engine: GatewayEngine): Promise<readonly NamedContainer[]> {
  try {
    return await listContainersOn(engines.placement, await identify(engine.handle));
  } catch {
    return []; // a host down holds nothing the gateway could reach
  }
}

async function ambiguity(reference: string, hosts: readonly GatewayEngine[]): Promise<GatewayRefusal> {
  const names = await Promise.all(hosts.map((engine) => hostOf(engine).catch(() => engine.handle.url)));
  return new GatewayRefusal(409, `${reference} names a container on several hosts (${names.join(', ')}): use its full id`);
}

/** Engines that answer a live lookup for `reference` (the ones that do not answer are left out). */
async function answering(engines: GatewayEngines, ask: (engine: GatewayEngine) => Promise<unknown>): Promise<GatewayEngine[]> {
  const found = await Promise.all(engines.all.map((engine) => ask(engine).then((answer) => (answer ? engine : null), () => null)));
  return found.filter((engine) => engine !== null);
}

export async function engineOfContainer(engines: GatewayEngines, reference: string): Promise<GatewayEngine | null> {
  const perHost = await Promise.all(engines.all.map(async (engine) => ({ host: engine, containers: await inventoryOf(engines, engine) })));
  const resolved = resolveAcrossHosts(reference, perHost);
  if (resolved.kind === 'one') return resolved.host;
  if (resolved.kind === 'ambiguous') throw await ambiguity(reference, resolved.hosts);
  const live = await answering(engines, (engine) => engine.lookups.container(reference));
  if (live.length > 1) throw await ambiguity(reference, live);
  return live[0] ?? null;
}

export async function engineOfExec(engines: GatewayEngines, reference: string): Promise<GatewayEngine | null> {
  const live = await answering(engines, (engine) => engine.lookups.exec(reference));
  if (live.length > 1) throw await ambiguity(reference, live);
  return live[0] ?? null;
}

/**
 * The engine for a container or exec call; null: the manager (the context's own engine), also
 * when no engine knows the reference (the manager answers Docker's own 404). Creates and the
 * list are not routed here (place-create.ts, merged-list.ts).
 */
export async function engineForCall(context: GatewayContext, route: CallRoute): Promise<GatewayEngine | null> {
  if (!isMultiEngine(context)) return null;
  if (route.kind === 'container') return engineOfContainer(context.engines, route.reference);
  if (route.kind === 'exec') return engineOfExec(context.engines, route.reference);
  return null;
}
