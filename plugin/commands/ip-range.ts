import { formatCidr } from '../../lib/ipam/ipv4';
import { formatRange, parseRangeFlags, rangeSize } from '../../lib/ipam/ranges';
import { addContainerRange, containerPoolSize } from '../../lib/ipam/subnet-config';
import { requiredFlag } from '../args';
import type { Command } from '../command';
import { withStore } from '../store-of';

export const ipRangeCommand: Command = {
  name: 'ip-range',
  summary: 'Add a range of container addresses to a subnet (the pool docker run takes addresses from).',
  flags: {
    'ip-start': { type: 'string', description: 'first address with prefix length, e.g. 10.199.0.10/24', required: true },
    'ip-end': { type: 'string', description: 'last address with prefix length, e.g. 10.199.0.200/24', required: true },
  },
  async run({ values, globals, out }) {
    const { subnet, range } = parseRangeFlags(requiredFlag(values, 'ip-start'), requiredFlag(values, 'ip-end'));
    const config = await withStore(globals, (store) => addContainerRange(store, { subnet, range }));
    out(
      `container range ${formatRange(range)} (${rangeSize(range)} addresses) is in pool ${config.poolId} ` +
        `(${formatCidr(subnet)}, ${containerPoolSize(config)} container addresses)`,
    );
    return 0;
  },
};
