import { hostname } from 'node:os';
import { releaseAddressByHand } from '../../lib/ipam/release-address';
import { requiredFlag } from '../args';
import type { Command } from '../command';
import { withStore } from '../store-of';

export const releaseIpCommand: Command = {
  name: 'release-ip',
  summary: 'Free a container (or reserved) address in its pool (idempotent). Only for addresses no container uses.',
  flags: { ip: { type: 'string', description: 'the address, e.g. 10.199.0.12', required: true } },
  async run({ values, globals, out }) {
    const ip = requiredFlag(values, 'ip');
    const { poolId, address } = await withStore(globals, (store) => releaseAddressByHand(store, ip, hostname()));
    out(`${address} is free in pool ${poolId}`);
    return 0;
  },
};
