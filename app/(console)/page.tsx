import { StatCard } from '@/app/components/stat-card';
import { requirePageUser } from '@/lib/auth/guard';
import { granteeGrants } from '@/lib/auth/permissions';
import { clusterGlance } from '@/lib/dashboard/cluster-glance';
import { getDashboardEngine } from '@/lib/dashboard/get-dashboard';
import { userCaller } from '@/lib/docker/engine-request';
import { getConfig } from '@/lib/config/config';
import { checkHealth } from '@/lib/health/check-health';
import { checkDirectory } from '@/lib/health/directory-health';
import { serviceProbes } from '@/lib/health/service-probes';
import { formatBytes } from '@/lib/format/format-bytes';
import { ClusterGlanceView } from './cluster-glance';

export const dynamic = 'force-dynamic';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export default async function DashboardPage() {
  // Also the password-change rule (the layout wraps the password page too), and the user whose requests the engine sees.
  const user = await requirePageUser('viewer', '/');
  const ldap = getConfig().ldap;
  const [engineResult, health, glance, directory] = await Promise.all([
    getDashboardEngine(userCaller(user)),
    checkHealth(serviceProbes()),
    clusterGlance(userCaller(user), granteeGrants(user, 'ipam:read')),
    ldap === null ? null : checkDirectory(ldap),
  ]);
  return (
    <>
      <h1>Dashboard</h1>
      {!engineResult.ok && (
        <div className="error-box" role="alert" data-testid="docker-error">
          {engineResult.error}
        </div>
      )}
      {engineResult.ok && (
        <div className="grid" data-testid="engine-summary">
          <StatCard
            title="Engine"
            figure={engineResult.engine.engineVersion}
            figureTestId="engine-version"
            sub={`API ${engineResult.engine.apiVersion} · ${engineResult.engine.name}`}
          />
          <StatCard
            title="Swarm"
            figure={engineResult.engine.swarm.state}
            figureTestId="swarm-state"
            sub={`${plural(engineResult.engine.swarm.nodes, 'node')}, ${plural(engineResult.engine.swarm.managers, 'manager')}`}
            subTestId="swarm-nodes"
          />
          <StatCard
            title="Containers"
            figure={`${engineResult.engine.containers.running} running`}
            figureTestId="containers-running"
            sub={`${engineResult.engine.containers.stopped} stopped, ${engineResult.engine.containers.paused} paused`}
            subTestId="containers-stopped"
          />
          <StatCard
            title="Images"
            figure={engineResult.engine.images}
            figureTestId="images-count"
            sub={`${engineResult.engine.cpus} CPUs · ${formatBytes(engineResult.engine.memoryBytes)} · ${engineResult.engine.operatingSystem}`}
          />
        </div>
      )}
      <h2 style={{ marginTop: '1.5rem' }}>At a glance</h2>
      <ClusterGlanceView glance={glance} />
      <h1 style={{ marginTop: '1.5rem' }}>Services</h1>
      <div className="grid" data-testid="service-health">
        {(['docker', 'etcd', 'database'] as const).map((name) => {
          const service = health.services[name];
          return (
            <StatCard
              key={name}
              testId={`health-${name}`}
              title={name}
              figure={service.up ? 'up' : 'down'}
              figureClass={service.up ? 'up' : 'down'}
              sub={service.up ? `${service.latencyMs} ms` : service.message}
            />
          );
        })}
        {directory !== null && (
          <StatCard
            testId="health-ldap"
            title="LDAP directory"
            figure={directory.up ? 'up' : 'down'}
            figureClass={directory.up ? 'up' : 'down'}
            sub={directory.up ? `${directory.latencyMs} ms` : directory.message}
          />
        )}
      </div>
    </>
  );
}
