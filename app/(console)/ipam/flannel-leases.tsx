import { DataTable } from '@/app/components/data-table';
import type { FlannelView } from '@/lib/flannel/types';

function duration(seconds: number | null): string {
  if (seconds === null) return 'no lease';
  if (seconds >= 3600) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  if (seconds >= 60) return `${Math.floor(seconds / 60)} min`;
  return `${seconds} s`;
}

/** Flannel's subnet leases, read-only (Flannel owns them); shown only when there are any. */
export function FlannelLeases({ flannel }: { flannel: FlannelView }) {
  if (flannel.leases.length === 0 && flannel.problems.length === 0) return null;
  return (
    <section data-testid="flannel" style={{ marginTop: '1.5rem' }}>
      <h2>Flannel subnet leases</h2>
      <p className="muted">
        Read-only, from etcd under <code>{flannel.prefix}</code>
        {flannel.config && (
          <>
            {' '}
            · network <span data-testid="flannel-network">{flannel.config.network}</span>, /{flannel.config.subnetLen} per host, backend {flannel.config.backendType}
          </>
        )}
      </p>
      {flannel.problems.length > 0 && (
        <div className="error-box" role="alert" data-testid="flannel-problems">
          Not read as Flannel&apos;s: {flannel.problems.join('; ')}
        </div>
      )}
      <DataTable testId="flannel-leases" columns={['Subnet', 'Host (PublicIP)', 'Backend', 'Backend data', 'Lease ends in']} rows={flannel.leases}>
        {(lease) => (
          <tr key={lease.subnet} data-testid={`flannel-lease-${lease.subnet}`}>
            <td>{lease.subnet}</td>
            <td>{lease.publicIp}</td>
            <td>{lease.backendType}</td>
            <td>{lease.backendData || '—'}</td>
            <td>{duration(lease.expiresInSeconds)}</td>
          </tr>
        )}
      </DataTable>
    </section>
  );
}
