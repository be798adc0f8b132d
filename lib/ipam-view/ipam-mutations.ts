// The IPAM admin actions as the console makes them: (services, actor, input), each audited here.
import type { Actor } from '@/lib/audit/actor';
import { audited } from '@/lib/audit/audited';
import { type EngineCaller, userCaller } from '@/lib/docker/engine-request';
import type { Engine } from '@/lib/ipam/engine';
import type { Store } from '@/lib/ipam/store';
import { addRange, releaseAddress, runGc, type GcResult } from './actions';
import type { AddRangeInput, GcInput, ReleaseAddressInput } from './ipam-schema';

/** What the IPAM actions use: the pools' store, and the engine (with its host id) whose containers gc checks, asked for the caller. */
export interface IpamServices {
  readonly store: Store;
  gcTarget(caller: EngineCaller): Promise<{ engine: Engine; hostId: string }>;
}

/** A container range (ip-range) or a host range with its router (host-range). */
export async function addRangeAudited(services: IpamServices, actor: Actor, input: AddRangeInput): Promise<{ poolId: string; subnet: string }> {
  const details: Record<string, string> = input.gateway ? { gateway: input.gateway } : {};
  return audited(
    actor,
    { action: `ipam.${input.kind}-range.add`, target: `${input.start}-${input.end}`, details },
    () => addRange(services.store, input),
    (pool) => ({ poolId: pool.poolId }),
  );
}

/** Frees an address by hand (release-ip); the allocation's history names the console user. */
export async function releaseAddressAudited(services: IpamServices, actor: Actor, input: ReleaseAddressInput): Promise<{ poolId: string; address: string }> {
  return audited(
    actor,
    { action: 'ipam.address.release', target: input.address },
    () => releaseAddress(services.store, input.address, `console:${actor.username}`),
    (released) => ({ poolId: released.poolId }),
  );
}

/** Frees the console engine's leaked allocations (gc). */
export async function runGcAudited(services: IpamServices, actor: Actor, input: GcInput): Promise<GcResult> {
  return audited(
    actor,
    { action: 'ipam.gc.run', target: null, details: { freeGoneHosts: input.freeGoneHosts, graceSeconds: input.graceSeconds } },
    async () => {
      const { engine, hostId } = await services.gcTarget(userCaller(actor));
      return runGc(services.store, engine, hostId, input);
    },
    (result) => ({ freed: result.freedCount }),
  );
}
