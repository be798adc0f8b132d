import { toContainerDetail, type ContainerDetail } from './container-summary';
import type { ContainerContext } from '@/lib/engines/context';
import { locateContainer } from '@/lib/engines/locate';

export interface InspectedContainer {
  container: ContainerDetail;
  /** Docker's own inspect JSON, for the "raw" tab. */
  raw: Record<string, unknown>;
}

export async function inspectContainer(context: ContainerContext, reference: string, host?: string): Promise<InspectedContainer> {
  const located = await locateContainer(context, reference, host);
  return { container: toContainerDetail(located.inspect, located.engine.identity.host, context.flatNetwork), raw: located.inspect };
}
