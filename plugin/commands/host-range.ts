import { formatCidr } from '../../lib/ipam/ipv4';
import { formatRange, parseRangeFlags, rangeSize } from '../../lib/ipam/ranges';
import { addHostRange } from '../../lib/ipam/subnet-config';
import { requiredFlag } from '../args';
import type { Command } from '../command';
import { withStore } from '../store-of';

export const hostRangeCommand: Command = {
  name: 'host-range',
  summary: "Add a range of host addresses to a subnet and set the flat network's router (gateway).",
  flags: {
    'ip-start': { type: 'string', description: 'first host address with prefix length, e.g. 10.199.0.1/24', required: true },
    'ip-end': { type: 'string', description: 'last host address with prefix length, e.g. 10.199.0.9/24', required: true },
    gateway: { type: 'string', description: "the router's address (containers' default route)", required: true },
  },
  async run({ values, globals, out }) {
    const { subnet, range } = parseRangeFlags(requiredFlag(values, 'ip-start'), requiredFlag(values, 'ip-end'));
    await withStore(globals, (store) => addHostRange(store, { subnet, range }, requiredFlag(values, 'gateway')));
    out(`host range ${formatRange(range)} (${rangeSize(range)} addresses) with router ${requiredFlag(values, 'gateway')} is in ${formatCidr(subnet)}`);
    return 0;
  },
};
