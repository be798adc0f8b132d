// The swarm-scoped flat network against the stack's engine (a single-node swarm): a missing
// managed IPAM plugin is named before the manager is asked; the same request shape with Docker's
// default IPAM makes a swarm-scoped bridge that services join, and the detail, the service form's
// choices and the IP allocations' engine view all see the service's task.
import { afterAll, describe, expect, it } from 'vitest';
import { docker, dockerOk, testImage } from '@/tests/ipam/support/docker-cli';
import { uniqueId } from '@/tests/ipam/support/fixtures';
import { testEngineClient } from '@/tests/support/docker-client';
import { eventually } from '@/tests/support/eventually';
import { readEngineView } from '@/lib/ipam-view/engine-view';
import { serviceNetworkChoices } from '@/lib/swarm/network-choices';
import { IpamDriverNotAnsweringError, IpamPluginMissingError } from './ipam-plugin-missing';
import { createNetwork } from './network-actions';
import { networkDetail } from './network-detail';
import { createNetworkSchema } from './network-schema';

const id = uniqueId();
const third = (parseInt(id.slice(0, 2), 16) % 100) + 100;
const swarmNet = `sysw-${id}`;
const service = `sysw-svc-${id}`;
const missing = `sysw-missing-${id}`;

describe('the swarm-scoped flat network on the real engine', () => {
  const engine = testEngineClient();
  const input = (name: string, subnet: string) =>
    createNetworkSchema.parse({ kind: 'swarm-flat', name, subnet, gateway: subnet.replace(/0\/24$/, '1'), router: subnet.replace(/0\/24$/, '254'), bridgeName: `syw${id}`.slice(0, 15), labels: { 'shipyard-test': 'swarm-flat' } });

  afterAll(async () => {
    await docker('service', 'rm', service);
    // The task's endpoint goes a moment after the service.
    await eventually(
      () => docker('network', 'rm', swarmNet),
      (result) => result.code === 0 || /not found/i.test(result.stderr),
    ).catch(() => undefined);
    await docker('network', 'rm', missing);
    await eventually(
      () => docker('network', 'rm', `${swarmNet}-config`),
      (result) => result.code === 0 || /not found/i.test(result.stderr),
    ).catch(() => undefined);
  });

  it('refuses at once, saying to install the managed plugin on every host, when the manager lacks it', async () => {
    const started = Date.now();
    const refused = await createNetwork(engine, input(missing, `10.195.${third}.0/24`), { driver: 'shipyard-ipam', plugins: () => engine.listIpamPlugins() }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(IpamPluginMissingError);
    expect((refused as IpamPluginMissingError).message).toMatch(/IPAM driver shipyard-ipam is not installed \(or not enabled\) on manager: the managed plugin must be installed and enabled on every host \(docker plugin install/);
    expect((refused as IpamPluginMissingError).fields).toEqual([expect.objectContaining({ path: 'ipamDriver' })]);
    // The swarm's own answer takes 15 s of retries; the console does not wait for it.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await docker('network', 'inspect', missing)).code).not.toBe(0);
  });

  it("translates Docker's own 'plugin not found' for a local flat network's IPAM driver", async () => {
    const flat = createNetworkSchema.parse({
      kind: 'flat',
      name: missing,
      subnet: `10.195.${third - 50}.0/24`,
      gateway: `10.195.${third - 50}.1`,
      router: `10.195.${third - 50}.254`,
      bridgeName: `syx${id}`.slice(0, 15),
      ipamDriver: `absent-${id}`,
      otherIpamDriver: true,
    });
    const refused = await createNetwork(engine, flat).catch((error: unknown) => error);
    // Docker says "plugin not found" after about 15 s of looking, past the client's 10 s.
    expect([IpamPluginMissingError, IpamDriverNotAnsweringError].some((kind) => refused instanceof kind), String(refused)).toBe(true);
    expect((refused as Error).message).toMatch(new RegExp(`The IPAM driver absent-${id} is not installed|still looking for the IPAM driver absent-${id}`));
  });

  it('creates the swarm-scoped bridge once on the manager; a service on it shows its task in the detail, the service choices and the engine view', async () => {
    const subnet = `10.195.${third}.0/24`;
    const created = await createNetwork(engine, input(swarmNet, subnet), { driver: 'default', plugins: async () => [{ name: 'default', enabled: true }] });
    // A swarm-scoped bridge is node-local: its settings live in a config-only network on each host.
    expect(created).toMatchObject({ name: swarmNet, driver: 'bridge', scope: 'swarm', attachable: true });
    expect(await dockerOk('network', 'inspect', '-f', '{{.ConfigOnly}} {{(index .IPAM.Config 0).Subnet}} {{index .Options "com.docker.network.bridge.enable_ip_masquerade"}}', `${swarmNet}-config`)).toBe(`true ${subnet} false`);
    expect(await serviceNetworkChoices(engine, 'operator')).toContain(swarmNet);

    await dockerOk('service', 'create', '--detach', '--name', service, '--network', swarmNet, '--replicas', '1', '--label', 'shipyard-test=swarm-flat', testImage(), 'sleep', '600');
    const detail = await eventually(
      () => networkDetail(engine, [{ host: 'stack', url: 'stack', docker: engine }], swarmNet),
      (view) => view.tasks.some((task) => task.state === 'running') && view.hosts[0]?.present === true,
    );
    expect(detail.settings).toMatchObject({ icc: true, masquerade: false, mtu: 1500, bridgeName: `syw${id}`.slice(0, 15) });
    expect(detail).toMatchObject({ subnet, router: `10.195.${third}.254`, configFrom: `${swarmNet}-config`, ipamDriver: 'default' });
    const [task] = detail.tasks;
    expect(task).toMatchObject({ service, slot: 1, state: 'running' });
    expect(task?.address).toMatch(new RegExp(`^10\\.195\\.${third}\\.\\d+$`));
    expect(detail.hosts[0]?.containers.map((container) => container.ipv4)).toContain(task?.address);

    const view = await readEngineView(engine);
    const container = view.containers.find((entry) => entry.task?.service === service);
    expect(container?.task).toMatchObject({ service, slot: 1 });
    expect(view.nodeNames?.get(container?.task?.nodeId ?? '')).toBe(view.host);
  });
});
