import Link from 'next/link';
import { DataTable } from '@/app/components/data-table';
import { ErrorBox } from '@/app/components/error-box';
import { requirePageUser } from '@/lib/auth/guard';
import { granteeGrants } from '@/lib/auth/permissions';
import { formatBytes } from '@/lib/format/format-bytes';
import { managerClientFor } from '@/lib/server/services';
import { serviceNetworkChoices } from '@/lib/swarm/network-choices';
import { attachmentChoices, type AttachmentChoices } from '@/lib/swarm/attachment-choices';
import { listNodes, type NodeView } from '@/lib/swarm/nodes';
import { listServices, type ServiceView } from '@/lib/swarm/services';
import { NodeActions } from './node-actions';
import { NodeLabels } from './node-labels';
import { ServiceActions } from './service-actions';
import { ServiceForm } from './service-form';
import { listRegistryViews } from '@/lib/registries/registry-mutations';
import { getDatabase } from '@/lib/server/services';
import { LiveServiceStatus, ServiceStatusesProvider } from './service-statuses';

export const dynamic = 'force-dynamic';

export default async function SwarmPage() {
  const user = await requirePageUser({ permission: 'swarm:read' }, '/swarm');
  const canWrite = granteeGrants(user, 'swarm:write');
  const docker = managerClientFor(user);
  let nodes: NodeView[] = [];
  let services: ServiceView[] = [];
  let networks: string[] = [];
  let attachable: AttachmentChoices | null = null;
  let error: string | null = null;
  try {
    [nodes, services, networks, attachable] = await Promise.all([
      listNodes(docker),
      listServices(docker),
      canWrite ? serviceNetworkChoices(docker, user.role) : Promise.resolve([]),
      canWrite ? attachmentChoices(docker, user) : Promise.resolve(null),
    ]);
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  return (
    <>
      <h1>Swarm nodes</h1>
      <ErrorBox message={error} />
      <DataTable testId="swarm-nodes-table" columns={['Hostname', 'Role', 'Availability', 'State', 'Engine', 'Address', 'Resources', 'Labels', canWrite && 'Actions']} rows={nodes}>
        {(node) => (
          <tr key={node.id} data-testid={`node-${node.hostname}`}>
            <td>{node.hostname}</td>
            <td data-testid="node-role">
              {node.role}
              {node.leader ? ' (leader)' : ''}
              {node.reachability === 'unreachable' ? ' (unreachable)' : ''}
            </td>
            <td data-testid="node-availability">{node.availability}</td>
            <td className={node.state === 'ready' ? 'up' : 'down'}>{node.state}</td>
            <td>{node.engineVersion}</td>
            <td>{node.managerAddress ?? node.address}</td>
            <td>
              {node.cpus} CPUs · {formatBytes(node.memoryBytes)}
            </td>
            <td>
              {canWrite ? (
                <NodeLabels id={node.id} hostname={node.hostname} labels={node.labels} />
              ) : (
                Object.entries(node.labels)
                  .map(([key, value]) => `${key}=${value}`)
                  .join(', ') || '—'
              )}
            </td>
            {canWrite && (
              <td>
                <NodeActions node={node} soleManager={node.role === 'manager' && nodes.filter((other) => other.role === 'manager').length === 1} />
              </td>
            )}
          </tr>
        )}
      </DataTable>
      <h1 style={{ marginTop: '1.5rem' }}>Services</h1>
      <ServiceStatusesProvider>
      <DataTable
        testId="swarm-services-table"
        columns={['Name', 'Image', 'Mode', 'Status', 'Networks', 'Ports', 'CPU limit', 'Memory limit', 'Constraints', canWrite && '']}
        rows={services}
        empty="No services yet."
      >
        {(service) => (
          <tr key={service.id} data-testid={`service-${service.name}`}>
            <td>
              <Link href={`/swarm/services/${encodeURIComponent(service.name)}`}>{service.name}</Link>
            </td>
            <td>{service.image}</td>
            <td>
              {service.mode} · {service.endpointMode}
            </td>
            <td data-testid="service-status">
              <LiveServiceStatus name={service.name} initial={service.status} />
            </td>
            <td>{service.networks.join(', ') || '—'}</td>
            <td>{service.ports.map((p) => `${p.published ?? '*'}:${p.target}/${p.protocol} (${p.mode})`).join(', ') || '—'}</td>
            <td>{service.cpuLimit ?? '—'}</td>
            <td>{service.memoryLimitMb === null ? '—' : `${service.memoryLimitMb} MB`}</td>
            <td>{service.constraints.join(', ') || '—'}</td>
            {canWrite && (
              <td>
                <ServiceActions name={service.name} replicas={service.replicasDesired} canRollback={service.canRollback} />
              </td>
            )}
          </tr>
        )}
      </DataTable>
      </ServiceStatusesProvider>
      {canWrite && <ServiceForm networks={networks} attachable={attachable} registries={(await listRegistryViews({ database: await getDatabase() })).map(({ id, name, address }) => ({ id, name, address }))} />}
    </>
  );
}
