import { connectEngine } from '../../lib/ipam/engine';
import { collectGarbage, describeReport } from '../../lib/ipam/gc';
import { numberFlag, stringFlag } from '../args';
import type { Command } from '../command';
import { dockerFlag, dockerUrlOf, hostIdFlag, hostIdOf } from '../defaults';
import { withStore } from '../store-of';

export const gcCommand: Command = {
  name: 'gc',
  summary:
    "Free this host's allocations whose container no longer runs (after a grace period); report allocations of gone hosts.",
  flags: {
    'host-id': hostIdFlag,
    docker: dockerFlag,
    grace: { type: 'string', description: 'seconds an allocation is kept before it may be freed', default: '600' },
    'free-gone-hosts': { type: 'boolean', description: 'also free allocations of hosts with no live plugin' },
  },
  async run({ values, globals, env, out }) {
    const report = await withStore(globals, (store) =>
      collectGarbage(store, {
        hostId: hostIdOf(stringFlag(values, 'host-id'), env),
        engine: connectEngine(dockerUrlOf(stringFlag(values, 'docker'), env)),
        graceMs: numberFlag(values, 'grace', 600) * 1000,
        freeGoneHosts: values['free-gone-hosts'] === true,
      }),
    );
    const lines = describeReport(report);
    lines.forEach(out);
    out(`gc: freed ${report.freed.length + (report.goneHostsFreed ? report.goneHosts.length : 0)} allocation(s)`);
    return 0;
  },
};
