import { DataTable } from '@/app/components/data-table';
import { ErrorBox } from '@/app/components/error-box';
import { requirePageUser } from '@/lib/auth/guard';
import { granteeGrants } from '@/lib/auth/permissions';
import { getContainerContext } from '@/lib/engines/registry';
import { relativeTime } from '@/lib/format/relative-time';
import { listVolumesPerHost } from '@/lib/volumes/volume-mutations';
import type { HostVolumes } from '@/lib/volumes/volume-view';
import { CreateVolumeForm, PruneVolumes, RemoveVolumeButton } from './volume-forms';

export const dynamic = 'force-dynamic';

/** Every engine's volumes, one table per host, with who uses each; create, remove and prune for writers. */
export default async function VolumesPage() {
  const user = await requirePageUser({ permission: 'volumes:read' }, '/volumes');
  const canWrite = granteeGrants(user, 'volumes:write');
  const isAdmin = user.role === 'admin';
  let hosts: HostVolumes[] = [];
  let error: string | null = null;
  try {
    hosts = await listVolumesPerHost(getContainerContext(user), user);
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  return (
    <>
      <h1>Volumes</h1>
      <ErrorBox message={error} />
      {hosts.map((host) => (
        <section key={host.url} data-testid={`volumes-host-${host.host}`}>
          <h2>{host.host}</h2>
          <ErrorBox message={host.error} />
          <DataTable
            testId={`volumes-${host.host}`}
            columns={['Name', 'Driver', 'Created', 'In use by', isAdmin && 'Mountpoint', canWrite && '']}
            rows={host.volumes}
            empty="No volumes on this host"
          >
            {(volume) => (
              <tr key={volume.name} data-testid={`volume-${volume.name}`}>
                <td>
                  {volume.name}
                  {volume.hasDriverOptions ? ' · driver options' : ''}
                  {Object.keys(volume.labels).length > 0 ? ` · ${Object.entries(volume.labels).map(([key, value]) => `${key}=${value}`).join(', ')}` : ''}
                </td>
                <td>{volume.driver}</td>
                <td title={volume.createdAt ?? ''}>{volume.createdAt ? relativeTime(volume.createdAt) : '—'}</td>
                <td data-testid={`volume-users-${volume.name}`}>{volume.usedBy.map((container) => `${container.name} (${container.state})`).join(', ') || '—'}</td>
                {isAdmin && <td className="mono">{volume.mountpoint ?? '—'}</td>}
                {canWrite && (
                  <td>
                    <RemoveVolumeButton name={volume.name} host={host.host} users={volume.usedBy.map((container) => container.name)} />
                  </td>
                )}
              </tr>
            )}
          </DataTable>
          {canWrite && <PruneVolumes host={host.host} />}
        </section>
      ))}
      {canWrite && <CreateVolumeForm hosts={hosts.map((host) => host.host)} driverOptions={isAdmin} />}
    </>
  );
}
