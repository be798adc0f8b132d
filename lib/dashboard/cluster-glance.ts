import 'server-only';
// The dashboard's pictures: how full each IP pool is, and how many containers each host runs.
import type { EngineCaller } from '@/lib/docker/engine-request';
import { engineHandlesOf } from '@/lib/engines/context-engines';
import { getContainerContext } from '@/lib/engines/registry';
import { getIpamStore } from '@/lib/ipam-view/console-ipam';
import { listPools } from '@/lib/ipam-view/pools';
import type { IpamPoolView } from '@/lib/ipam-view/types';
import { hostGlance, type HostGlance } from './host-glance';

export interface ClusterGlance {
  /** null: the caller may not read the pools. */
  readonly pools: readonly IpamPoolView[] | null;
  readonly poolsProblem: string | null;
  readonly hosts: readonly HostGlance[];
}

export async function clusterGlance(caller: EngineCaller, canReadIpam: boolean): Promise<ClusterGlance> {
  const context = getContainerContext();
  const [pools, hosts] = await Promise.all([
    canReadIpam
      ? listPools(getIpamStore()).then(
          (list) => ({ list, problem: null }),
          (error: unknown) => ({ list: [], problem: error instanceof Error ? error.message : String(error) }),
        )
      : Promise.resolve({ list: null, problem: null }),
    // Discovery that fails leaves the configured engines: the dashboard never fails for a picture.
    engineHandlesOf(context)
      .catch(() => ({ handles: context.handles }))
      .then(({ handles }) => hostGlance(handles.map((handle) => ({ url: handle.url, client: handle.client.as(caller) })))),
  ]);
  return { pools: pools.list, poolsProblem: pools.problem, hosts };
}
