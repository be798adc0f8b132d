// The lab's etcd cluster: find and stop its leader (the member whose loss forces an election).
import { isAlive, labPid, requireLab, run, waitUntil } from './support';

/** Stops the leader member with SIGTERM; returns its pid once it has exited. */
export async function stopEtcdLeader(): Promise<number> {
  const endpoints = requireLab().etcd.split(',');
  if (endpoints.length < 3) throw new Error(`the lab etcd has ${endpoints.length} member(s); this needs 3`);
  // Simple output, one line per endpoint: "endpoint, id, version, db size, is leader, ...".
  const lines = (await run('etcdctl', ['--endpoints', endpoints.join(','), 'endpoint', 'status'])).split('\n');
  const leader = lines.map((line) => line.split(', ')).find((fields) => fields[4] === 'true');
  const index = leader ? endpoints.indexOf(leader[0] ?? '') : -1;
  if (index < 0) throw new Error(`no etcd leader among ${endpoints.join(', ')}`);
  // scripts/lab names member k "etcd<k>", in endpoint order.
  const pid = labPid(`etcd${index}`);
  process.kill(pid, 'SIGTERM');
  await waitUntil(`etcd member ${index} to exit`, () => !isAlive(pid), 60_000);
  return pid;
}
