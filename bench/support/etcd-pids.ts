// The etcd processes serving the given client endpoints, found by their --listen-client-urls, so a
// benchmark can count etcd's CPU too (BENCH_ETCD_PIDS=1,2,3 overrides the search).
import { readFileSync, readdirSync } from 'node:fs';

function commandLine(pid: string): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

export function etcdPidsServing(endpoints: readonly string[]): number[] {
  const given = process.env.BENCH_ETCD_PIDS;
  if (given) return given.split(',').map(Number).filter((pid) => pid > 0);
  const hostPorts = endpoints.map((endpoint) => endpoint.replace(/^[a-z]+:\/\//, ''));
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      const args = commandLine(pid);
      if (!args[0]?.endsWith('etcd')) return false;
      const listen = args.flatMap((arg, index) =>
        arg.startsWith('--listen-client-urls=') ? [arg.slice(arg.indexOf('=') + 1)] : arg === '--listen-client-urls' ? [args[index + 1] ?? ''] : [],
      );
      return listen.some((urls) => hostPorts.some((hostPort) => urls.includes(hostPort)));
    })
    .map(Number);
}
