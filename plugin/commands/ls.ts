import { connectEngine } from '../../lib/ipam/engine';
import { liveHosts } from '../../lib/ipam/gc';
import { inventory } from '../../lib/ipam/inventory';
import { formatCidr, formatIpv4 } from '../../lib/ipam/ipv4';
import { formatRange } from '../../lib/ipam/ranges';
import { stringFlag } from '../args';
import type { Command } from '../command';
import { dockerFlag, dockerUrlOf, hostIdFlag, hostIdOf } from '../defaults';
import { withStore } from '../store-of';

export const lsCommand: Command = {
  name: 'ls',
  summary: "List pools with used and free counts, and every address in use with its host (and this host's container names).",
  flags: { 'host-id': hostIdFlag, docker: dockerFlag },
  async run({ values, globals, env, out, err }) {
    const hostId = hostIdOf(stringFlag(values, 'host-id'), env);
    const [pools, live] = await withStore(globals, (store) => Promise.all([inventory(store), liveHosts(store)]));
    // Container names are known for this host's engine only; without it, ls still lists everything.
    const names = new Map<string, string>();
    try {
      for (const container of await connectEngine(dockerUrlOf(stringFlag(values, 'docker'), env)).runningContainers()) {
        for (const mac of container.macs) names.set(mac, container.name);
      }
    } catch (error) {
      err(`note: container names unavailable (${error instanceof Error ? error.message : String(error)})`);
    }
    if (pools.length === 0) out('no pools: add one with shipyard-ipam ip-range');
    for (const { config, used, free, addresses, hosts } of pools) {
      out(`pool ${config.poolId}  subnet ${formatCidr(config.subnet)}  used ${used}  free ${free}`);
      out(`  container ranges: ${config.containerRanges.map(formatRange).join(', ') || 'none'}`);
      out(`  host ranges: ${config.hostRanges.map(formatRange).join(', ') || 'none'}` +
        (config.gateway === undefined ? '' : `  router ${formatIpv4(config.gateway)}`));
      for (const { address, host } of hosts) out(`  host     ${address.padEnd(15)} ${host}${live.has(host) ? '' : ' (no live plugin)'}`);
      for (const { address, record } of addresses) {
        if (record.kind === 'container') {
          const container = record.parked
            ? '(stopped: parked for it)'
            : record.mac && record.host === hostId
              ? (names.get(record.mac) ?? '(not running)')
              : '-';
          const gone = live.has(record.host) ? '' : ' (no live plugin)';
          out(`  ${'container'.padEnd(8)} ${address.padEnd(15)} host ${record.host}${gone}  mac ${record.mac ?? '-'}  container ${container}  since ${record.at}`);
        } else {
          out(`  ${record.kind.padEnd(8)} ${address.padEnd(15)} held by ${record.holders.join(', ')}`);
        }
      }
    }
    return 0;
  },
};
