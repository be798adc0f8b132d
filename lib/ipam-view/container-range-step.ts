// The network form's container range, added just before the network (ip-range): the form names
// the first and last address; the pool takes them with the subnet's prefix length.
import type { Actor } from '@/lib/audit/actor';
import { addRangeAudited, type IpamServices } from './ipam-mutations';
import { mayAddRanges, RangeNotAllowedError } from './range-access';

export async function addContainerRangeForSubnet(
  services: IpamServices,
  actor: Actor,
  subnet: string,
  range: { start: string; end: string },
): Promise<{ poolId: string; subnet: string }> {
  if (!mayAddRanges(actor)) throw new RangeNotAllowedError(subnet, actor.role);
  const length = subnet.split('/')[1] ?? '32';
  return addRangeAudited(services, actor, { kind: 'container', start: `${range.start}/${length}`, end: `${range.end}/${length}` });
}
