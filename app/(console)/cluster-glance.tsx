import Link from 'next/link';
import { UsageBar } from '@/app/components/usage-bar';
import type { ClusterGlance } from '@/lib/dashboard/cluster-glance';

/** The dashboard's pictures: each pool's fill and each host's containers, at a glance. */
export function ClusterGlanceView({ glance }: { glance: ClusterGlance }) {
  const busiest = Math.max(1, ...glance.hosts.map((host) => host.total));
  return (
    <div className="grid" data-testid="cluster-glance">
      {glance.pools !== null && (
        <section className="card" aria-labelledby="glance-pools-heading" data-testid="glance-pools">
          <h2 id="glance-pools-heading">IP pools</h2>
          {glance.poolsProblem && <p className="sub">The pools could not be read: {glance.poolsProblem}</p>}
          {!glance.poolsProblem && glance.pools.length === 0 && <p className="sub">No pool yet.</p>}
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {glance.pools.map((pool) => (
              <li key={pool.poolId} data-testid={`glance-pool-${pool.poolId}`} style={{ margin: '0.4rem 0' }}>
                <Link href="/ipam">{pool.subnet}</Link>{' '}
                <span className="sub">
                  {pool.used} / {pool.size} used, {pool.free} free
                </span>
                <UsageBar used={pool.used} size={pool.size} label={`Pool ${pool.subnet}`} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card" aria-labelledby="glance-hosts-heading" data-testid="glance-hosts">
        <h2 id="glance-hosts-heading">Containers per host</h2>
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {glance.hosts.map((host) => (
            <li key={host.host} data-testid={`glance-host-${host.host}`} style={{ margin: '0.4rem 0' }}>
              <strong>{host.host}</strong>{' '}
              <span className="sub">{host.problem ? `not answering: ${host.problem}` : `${host.running} running of ${host.total}`}</span>
              {/* Bars share one scale (the busiest host) so hosts compare at a glance. */}
              <UsageBar used={host.total} size={busiest} label={`${host.host}: ${host.running} running, ${host.total} containers; scale`} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
