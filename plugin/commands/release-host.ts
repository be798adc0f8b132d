import { releaseHostAddress } from '../../lib/ipam/host-addresses';
import { requiredFlag } from '../args';
import type { Command } from '../command';
import { withStore } from '../store-of';

export const releaseHostCommand: Command = {
  name: 'release-host',
  summary: 'Give a host address back to its host range (idempotent).',
  flags: { ip: { type: 'string', description: 'the host address, e.g. 10.199.0.2', required: true } },
  async run({ values, globals, out }) {
    const ip = requiredFlag(values, 'ip');
    const holder = await withStore(globals, (store) => releaseHostAddress(store, ip));
    out(holder ? `host address ${ip} released (was held by ${holder})` : `host address ${ip} was not in use`);
    return 0;
  },
};
