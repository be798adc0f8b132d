import { requirePageUser } from '@/lib/auth/guard';
import { formatBytes } from '@/lib/format/format-bytes';
import { getServices } from '@/lib/server/services';
import { listNodes, type NodeView } from '@/lib/swarm/nodes';
import { listServices, type ServiceView } from '@/lib/swarm/services';
import { granteeGrants } from '@/lib/auth/permissions';
import { CreateServiceForm, ServiceActions } from './service-forms';

export const dynamic = 'force-dynamic';

export default async function SwarmPage() {
  const user = await requirePageUser({ permission: 'swarm:read' }, '/swarm');
  const canWrite = granteeGrants(user, 'swarm:write');
  const { docker, config } = getServices();
  let nodes: NodeView[] = [];
  let services: ServiceView[] = [];
  let error: string | null = null;
  try {
    [nodes, services] = await Promise.all([listNodes(docker, config.docker.url), listServices(docker, config.docker.url)]);
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  return (
    <>
      <h1>Swarm nodes</h1>
      {error && (
        <div className="error-box" role="alert">
          {error}
        </div>
      )}
      <table className="list" data-testid="swarm-nodes-table">
        <thead>
          <tr>
            <th>Hostname</th>
            <th>Role</th>
            <th>Availability</th>
            <th>State</th>
            <th>Engine</th>
            <th>Address</th>
            <th>Resources</th>
            <th>Labels</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((node) => (
            <tr key={node.id} data-testid={`node-${node.hostname}`}>
              <td>{node.hostname}</td>
              <td>
                {node.role}
                {node.leader ? ' (leader)' : ''}
              </td>
              <td>{node.availability}</td>
              <td>{node.state}</td>
              <td>{node.engineVersion}</td>
              <td>{node.managerAddress ?? node.address}</td>
              <td>
                {node.cpus} CPUs · {formatBytes(node.memoryBytes)}
              </td>
              <td>{Object.entries(node.labels).map(([key, value]) => `${key}=${value}`).join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h1 style={{ marginTop: '1.5rem' }}>Services</h1>
      <table className="list" data-testid="swarm-services-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Image</th>
            <th>Mode</th>
            <th>Replicas</th>
            <th>Networks</th>
            <th>Ports</th>
            <th>CPU limit</th>
            <th>Constraints</th>
            {canWrite && <th />}
          </tr>
        </thead>
        <tbody>
          {services.length === 0 && (
            <tr>
              <td colSpan={8}>No services yet.</td>
            </tr>
          )}
          {services.map((service) => (
            <tr key={service.id} data-testid={`service-${service.name}`}>
              <td>{service.name}</td>
              <td>{service.image}</td>
              <td>
                {service.mode} · {service.endpointMode}
              </td>
              <td>{service.replicasDesired === null ? `${service.replicasRunning} running (global)` : `${service.replicasRunning} / ${service.replicasDesired}`}</td>
              <td>{service.networks.join(', ') || '—'}</td>
              <td>{service.ports.map((p) => `${p.published ?? '*'}:${p.target}/${p.protocol} (${p.mode})`).join(', ') || '—'}</td>
              <td>{service.cpuLimit ?? '—'}</td>
              <td>{service.constraints.join(', ') || '—'}</td>
              {canWrite && (
                <td>
                  <ServiceActions name={service.name} replicas={service.replicasDesired} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {canWrite && <CreateServiceForm />}
    </>
  );
}
