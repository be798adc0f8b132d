// A swarm-scoped flat network on the lab: macvlan on every host's br0 with the managed plugin as
// IPAM, made the only way Docker passes a node-local driver its options (docs/managed-plugin.md):
// a config-only network on each host (parent, subnet, router, IPAM driver), then one swarm network
// made from it on the manager (`shipyard-ipam create-network --scope swarm` does both). Each node's
// own plugin then allocates its tasks' addresses.
import { fileURLToPath } from 'node:url';
import { docker, repairLab, requireLab, run, waitUntil } from './support';

const ipamCli = fileURLToPath(new URL('../../plugin/bin/shipyard-ipam', import.meta.url));

export const MANAGER = 1;

/** The IPAM driver name networks must use: Docker registers a managed plugin as NAME:TAG. */
export function pluginName(): string {
  return process.env.SHIPYARD_LAB_PLUGIN ?? 'shipyard-ipam:latest';
}

/** `scripts/lab up` then checks the plugin is on every host; without it, say how to get it. */
export async function repairLabWithPlugin(): Promise<void> {
  await repairLab();
  for (const host of hostNumbers()) {
    const enabled = await docker(host, ['plugin', 'inspect', '--format', '{{.Enabled}}', pluginName()]).catch(() => 'missing');
    if (enabled !== 'true') {
      throw new Error(`h${host} has no enabled managed plugin ${pluginName()} (${enabled}): run \`npm run plugin:image\`, then \`scripts/lab up\``);
    }
  }
}

export function hostNumbers(): number[] {
  return requireLab().dockers.map((_url, index) => index + 1);
}

/**
 * Through the sidecar's CLI, as a user would: `create-network --scope swarm` on every host (each
 * makes its config-only network), the manager last (it also makes the swarm network).
 */
export async function createSwarmFlatNetwork(name: string): Promise<void> {
  const { dockers, etcd, subnetBase } = requireLab();
  const createOn = (host: number) =>
    run('env', [
      `IPAM_CLUSTER_STORE=${etcd}`, ipamCli, 'create-network', '--scope', 'swarm', '--name', name, '--subnet', `${subnetBase}.0/24`,
      '--driver', pluginName(), '--parent', 'br0', '--docker', dockers[host - 1] ?? '',
    ]);
  await Promise.all(hostNumbers().filter((host) => host !== MANAGER).map(createOn));
  await createOn(MANAGER);
}

/**
 * Removes the swarm network, then each host's config-only network. A host drops its copy of the
 * swarm network a few seconds after its last task; until then its config is "in use", and a new
 * macvlan network on br0 would be refused ("already using parent interface br0").
 */
export async function removeSwarmFlatNetwork(name: string): Promise<void> {
  await waitUntil(`swarm network ${name} removed`, () => docker(MANAGER, ['network', 'rm', name]).then(() => true, (error: Error) => /not found/.test(error.message)), 120_000);
  await Promise.all(
    hostNumbers().map((host) =>
      waitUntil(`h${host}: ${name}-config removed`, () =>
        docker(host, ['network', 'rm', `${name}-config`]).then(() => true, (error: Error) => /not found/.test(error.message)), 120_000),
    ),
  );
}

export interface TaskView {
  readonly host: number;
  readonly container: string;
  readonly address: string;
  readonly mac: string;
}

/** The running task containers of a service on every host, with their address on `network`. */
export async function runningTasks(service: string, network: string): Promise<TaskView[]> {
  const perHost = await Promise.all(
    hostNumbers().map(async (host) => {
      const ids = (await docker(host, ['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${service}`])).split('\n').filter(Boolean);
      if (ids.length === 0) return [];
      const format = `{{.Id}} {{with index .NetworkSettings.Networks "${network}"}}{{.IPAddress}} {{.MacAddress}}{{end}}`;
      const lines = (await docker(host, ['inspect', '--format', format, ...ids])).split('\n');
      return lines.map((line) => {
        const [container = '', address = '', mac = ''] = line.trim().split(' ');
        return { host, container, address, mac };
      });
    }),
  );
  return perHost.flat();
}

/** The error of every task of the service that did not run, as `docker service ps` shows it. */
export async function taskErrors(service: string): Promise<string[]> {
  const out = await docker(MANAGER, ['service', 'ps', '--no-trunc', '--format', '{{.Error}}', service]);
  return out.split('\n').map((line) => line.trim()).filter(Boolean);
}

export async function waitForRunning(service: string, network: string, count: number, timeoutMs = 240_000): Promise<TaskView[]> {
  let tasks: TaskView[] = [];
  await waitUntil(`${count} running tasks of ${service} with an address`, async () => {
    tasks = await runningTasks(service, network);
    return tasks.length === count && tasks.every((task) => task.address !== '');
  }, timeoutMs);
  return tasks;
}

/** Every MAC a container on any lab host holds (running endpoints) or was created with. */
export async function containerMacs(): Promise<Set<string>> {
  const macs = new Set<string>();
  for (const host of hostNumbers()) {
    const ids = (await docker(host, ['ps', '-aq'])).split('\n').filter(Boolean);
    if (ids.length === 0) continue;
    const format = '{{.Config.MacAddress}} {{range .NetworkSettings.Networks}}{{.MacAddress}} {{end}}';
    const out = await docker(host, ['inspect', '--format', format, ...ids]).catch(() => '');
    for (const mac of out.split(/\s+/)) if (mac) macs.add(mac.toLowerCase());
  }
  return macs;
}
