import Link from 'next/link';
import { DataTable } from '@/app/components/data-table';
import { PageFailure } from '@/app/components/page-failure';
import { requirePageUser } from '@/lib/auth/guard';
import { granteeGrants } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { getDatabase, managerClientFor } from '@/lib/server/services';
import { stackDetail, stackVersion, type StackDetail } from '@/lib/stacks/stacks';
import { RemoveStackButton, UpdateStackForm, VersionFile } from '../stack-forms';

export const dynamic = 'force-dynamic';

export default async function StackPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const user = await requirePageUser({ permission: 'stacks:read' }, `/stacks/${encodeURIComponent(name)}`);
  const canWrite = granteeGrants(user, 'stacks:write');
  let stack: StackDetail;
  let latest: { composeFile: string; envFile: string } = { composeFile: '', envFile: '' };
  try {
    const database = await getDatabase();
    stack = await stackDetail(managerClientFor(user), database, name);
    if (stack.version !== null) {
      const version = await stackVersion(database, name, stack.version);
      latest = { composeFile: version.composeFile, envFile: version.envFile ?? '' };
    }
  } catch (caught) {
    return <PageFailure title={`Stack ${name}`} message={caught instanceof AppError || caught instanceof Error ? caught.message : String(caught)} testId="stack-error"><Link href="/stacks">All stacks</Link></PageFailure>;
  }
  return (
    <>
      <h1>Stack {stack.name}</h1>
      <p>
        <Link href="/stacks">All stacks</Link> · {stack.services} services · {stack.tasksRunning} / {stack.tasksDesired} tasks running
        {stack.version !== null ? ` · version ${stack.version}` : ' · deployed outside the console (no history)'}
      </p>
      <h2>Services</h2>
      <DataTable testId="stack-services" columns={['Service', 'Image', 'Mode', 'Status', 'Tasks']} rows={stack.serviceViews} empty="No services">
        {(service) => (
          <tr key={service.id} data-testid={`stack-service-${service.name}`}>
            <td>
              <Link href={`/swarm/services/${encodeURIComponent(service.id)}`}>{service.name}</Link>
            </td>
            <td>{service.image}</td>
            <td>{service.mode === 'replicated' ? `replicated (${service.replicasDesired ?? 1})` : 'global'}</td>
            <td>{service.status?.text ?? `${service.replicasRunning} running`}</td>
            <td data-testid={`stack-tasks-${service.name}`}>
              {service.tasks
                .filter((task) => task.desiredState === 'running' || task.state !== 'shutdown')
                .map((task) => `${task.slot ?? task.node}: ${task.state}${task.error ? ` (${task.error})` : ''}`)
                .join(', ') || '—'}
            </td>
          </tr>
        )}
      </DataTable>
      <h2>History</h2>
      <DataTable testId="stack-history" columns={['Version', 'Deployed by', 'When', '']} rows={stack.history} empty="No deploys recorded">
        {(entry) => (
          <tr key={entry.version} data-testid={`stack-version-${entry.version}`}>
            <td>{entry.version}</td>
            <td>{entry.deployedBy}</td>
            <td>{entry.deployedAt.slice(0, 19).replace('T', ' ')}</td>
            <td>
              <VersionFile name={stack.name} version={entry.version} />
            </td>
          </tr>
        )}
      </DataTable>
      {canWrite && (
        <>
          <UpdateStackForm name={stack.name} composeFile={latest.composeFile} envFile={latest.envFile} />
          <p style={{ marginTop: '1.5rem' }}>
            <RemoveStackButton name={stack.name} />
          </p>
        </>
      )}
    </>
  );
}
