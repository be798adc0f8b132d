import { getDashboardEngine } from '@/lib/dashboard/get-dashboard';
import { checkHealth } from '@/lib/health/check-health';
import { serviceProbes } from '@/lib/health/service-probes';
import { formatBytes } from '@/lib/format/format-bytes';

export const dynamic = 'force-dynamic';

export default async function DashboardPage() {
  const [engineResult, health] = await Promise.all([getDashboardEngine(), checkHealth(serviceProbes())]);
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
          <div className="card">
            <h2>Engine</h2>
            <div className="figure" data-testid="engine-version">
              {engineResult.engine.engineVersion}
            </div>
            <div className="sub">
              API {engineResult.engine.apiVersion} · {engineResult.engine.name}
            </div>
          </div>
          <div className="card">
            <h2>Swarm</h2>
            <div className="figure" data-testid="swarm-state">
              {engineResult.engine.swarm.state}
            </div>
            <div className="sub" data-testid="swarm-nodes">
              {engineResult.engine.swarm.nodes} node{engineResult.engine.swarm.nodes === 1 ? '' : 's'}, {engineResult.engine.swarm.managers}{' '}
              manager{engineResult.engine.swarm.managers === 1 ? '' : 's'}
            </div>
          </div>
          <div className="card">
            <h2>Containers</h2>
            <div className="figure" data-testid="containers-running">
              {engineResult.engine.containers.running} running
            </div>
            <div className="sub" data-testid="containers-stopped">
              {engineResult.engine.containers.stopped} stopped, {engineResult.engine.containers.paused} paused
            </div>
          </div>
          <div className="card">
            <h2>Images</h2>
            <div className="figure" data-testid="images-count">
              {engineResult.engine.images}
            </div>
            <div className="sub">
              {engineResult.engine.cpus} CPUs · {formatBytes(engineResult.engine.memoryBytes)} · {engineResult.engine.operatingSystem}
            </div>
          </div>
        </div>
      )}
      <h1 style={{ marginTop: '1.5rem' }}>Services</h1>
      <div className="grid" data-testid="service-health">
        {(['docker', 'etcd', 'database'] as const).map((name) => {
          const service = health.services[name];
          return (
            <div className="card" key={name} data-testid={`health-${name}`}>
              <h2>{name}</h2>
              <div className={`figure ${service.up ? 'up' : 'down'}`}>{service.up ? 'up' : 'down'}</div>
              <div className="sub">{service.up ? `${service.latencyMs} ms` : service.message}</div>
            </div>
          );
        })}
      </div>
    </>
  );
}
