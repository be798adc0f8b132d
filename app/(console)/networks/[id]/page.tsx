import Link from 'next/link';
import { DataTable } from '@/app/components/data-table';
import { KeyValueTable } from '@/app/components/key-value-table';
import { PageFailure } from '@/app/components/page-failure';
import { requirePageUser } from '@/lib/auth/guard';
import { AppError } from '@/lib/errors/app-error';
import { consoleNetworkDetail } from '@/lib/networks/console-network-detail';
import type { NetworkDetailView } from '@/lib/networks/network-detail';
import { PROJECT_IPAM_DRIVER } from '@/lib/networks/network-schema';
import { getServices } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

const yesNo = (value: boolean | null, yes: string, no: string) => (value === null ? '—' : value ? yes : no);
const or = (value: string | number | null | undefined, fallback = '—') => (value === null || value === undefined || value === '' ? fallback : String(value));

function settingsRows(network: NetworkDetailView, swarmIpamDriver: string): [string, string][] {
  const { settings } = network;
  const projectPools = network.ipamDriver === PROJECT_IPAM_DRIVER || network.ipamDriver === swarmIpamDriver;
  return [
    ['Driver', network.driver],
    ['Scope', network.scope],
    ['ICC', yesNo(settings.icc, 'on: containers talk to each other', 'off')],
    ['Masquerade', yesNo(settings.masquerade, 'on: outgoing traffic is NATed to the host', "off: containers use their own addresses on the LAN")],
    ['MTU', or(settings.mtu, "the driver's default")],
    ['Bridge name', or(settings.bridgeName)],
    ['Parent interface', or(settings.parent)],
    ['Subnet', or(network.subnet)],
    ['Gateway', or(network.gateway)],
    ['Router', or(network.router)],
    ['IPAM driver', `${network.ipamDriver}${projectPools ? " (the project's: its addresses are on the IP allocations page)" : ' (not shown on the IP allocations page)'}`],
    ['Config from', network.configFrom ? `${network.configFrom} (a config-only network on each host holds these settings)` : '—'],
    ['IPAM options', or(Object.entries(network.ipamOptions).map(([key, value]) => `${key}=${value}`).join(', '))],
    ['Other options', or(Object.entries(network.options).filter(([key]) => !key.startsWith('com.docker.network.bridge.') && key !== 'com.docker.network.driver.mtu' && key !== 'parent').map(([key, value]) => `${key}=${value}`).join(', '))],
    ['Attachable', network.attachable ? 'yes' : 'no'],
    ['Internal', network.internal ? 'yes' : 'no'],
    ['Labels', or(Object.entries(network.labels).map(([key, value]) => `${key}=${value}`).join(', '))],
    ['Id', network.id],
  ];
}

export default async function NetworkPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const key = decodeURIComponent(id);
  const user = await requirePageUser({ permission: 'networks:read' }, `/networks/${id}`);
  let network: NetworkDetailView;
  try {
    network = await consoleNetworkDetail(user, key);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (
      <PageFailure title={`Network ${key}`} message={error.message} testId="network-error">
        <p>
          <Link href="/networks" style={{ color: 'var(--ink)' }}>
            Back to the networks
          </Link>
        </p>
      </PageFailure>
    );
  }
  const hosts = network.hosts.filter((host) => host.present);
  const containers = network.hosts.flatMap((host) => host.containers.map((container) => ({ ...container, host: host.host })));
  return (
    <>
      <nav aria-label="Breadcrumb">
        {/* The ink colour: the accent blue is below 4.5:1 on the page background. */}
        <Link href="/networks" style={{ color: 'var(--ink)' }}>
          Networks
        </Link>{' '}
        / {network.name}
      </nav>
      <h1>Network {network.name}</h1>
      <section aria-labelledby="network-settings-heading">
        <h2 id="network-settings-heading">Settings</h2>
        <KeyValueTable rows={settingsRows(network, getServices().config.swarmIpamDriver)} testIdPrefix="network" testId="network-settings" />
      </section>
      <section aria-labelledby="network-hosts-heading">
        <h2 id="network-hosts-heading">Hosts</h2>
        <p className="muted" data-testid="network-hosts-summary">
          {hosts.length === 0 ? 'No engine the console knows has this network.' : `On ${hosts.length} of ${network.hosts.length} engine(s): ${hosts.map((host) => host.host).join(', ')}.`}
          {network.scope === 'swarm' ? ' A swarm-scoped network appears on a host when a task or container there joins it.' : ''}
        </p>
        <DataTable testId="network-hosts" columns={['Host', 'Has it', 'Gateway there', 'Containers']} rows={network.hosts}>
          {(host) => (
            <tr key={host.host} data-testid={`network-host-${host.host}`}>
              <td>{host.host}</td>
              <td>{host.present ? 'yes' : host.problem ? `unknown: ${host.problem}` : 'no'}</td>
              <td>{or(host.gateway)}</td>
              <td>{host.containers.length}</td>
            </tr>
          )}
        </DataTable>
      </section>
      <section aria-labelledby="network-containers-heading">
        <h2 id="network-containers-heading">Containers</h2>
        <DataTable testId="network-containers" columns={['Container', 'Host', 'Address', 'MAC']} rows={containers} empty="No container is attached.">
          {(container) => (
            <tr key={`${container.host}-${container.id}`} data-testid={`network-container-${container.name}`}>
              <td>
                <Link href={`/containers/${encodeURIComponent(container.id)}`}>{container.name}</Link>
              </td>
              <td>{container.host}</td>
              <td>{or(container.ipv4)}</td>
              <td>{or(container.mac)}</td>
            </tr>
          )}
        </DataTable>
      </section>
      {network.scope === 'swarm' && (
        <section aria-labelledby="network-tasks-heading">
          <h2 id="network-tasks-heading">Service tasks</h2>
          {network.tasksProblem && <p className="muted">The manager&apos;s tasks could not be read: {network.tasksProblem}</p>}
          <DataTable testId="network-tasks" columns={['Service', 'Slot', 'Node', 'Address', 'State']} rows={network.tasks} empty="No running service task is attached.">
            {(task) => (
              <tr key={task.id} data-testid={`network-task-${task.service}-${task.slot ?? task.id}`}>
                <td>
                  <Link href={`/swarm/services/${encodeURIComponent(task.service)}`}>{task.service}</Link>
                </td>
                <td>{or(task.slot, 'global')}</td>
                <td>{or(task.node)}</td>
                <td>{or(task.address)}</td>
                <td>{task.state}</td>
              </tr>
            )}
          </DataTable>
        </section>
      )}
    </>
  );
}
