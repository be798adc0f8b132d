import { Allocator } from '../../lib/ipam/allocator';
import { subnetOfAddress } from '../../lib/ipam/host-addresses';
import { formatIpv4 } from '../../lib/ipam/ipv4';
import { hostname } from 'node:os';
import { requiredFlag } from '../args';
import type { Command } from '../command';
import { withStore } from '../store-of';

export const releaseIpCommand: Command = {
  name: 'release-ip',
  summary: 'Free a container (or reserved) address in its pool (idempotent). Only for addresses no container uses.',
  flags: { ip: { type: 'string', description: 'the address, e.g. 10.199.0.12', required: true } },
  async run({ values, globals, out }) {
    const ip = requiredFlag(values, 'ip');
    const freed = await withStore(globals, async (store) => {
      const { config, address } = await subnetOfAddress(store, ip, '--ip');
      await new Allocator(store, hostname()).releaseAddress(config.poolId, formatIpv4(address), { force: true });
      return `${formatIpv4(address)} is free in pool ${config.poolId}`;
    });
    out(freed);
    return 0;
  },
};
