import Link from 'next/link';
import { DataTable } from '@/app/components/data-table';
import { ErrorBox } from '@/app/components/error-box';
import { requirePageUser } from '@/lib/auth/guard';
import { granteeGrants } from '@/lib/auth/permissions';
import { getDatabase, managerClientFor } from '@/lib/server/services';
import { listStacks, type StackSummary } from '@/lib/stacks/stacks';
import { DeployStackForm } from './stack-forms';

export const dynamic = 'force-dynamic';

export default async function StacksPage() {
  const user = await requirePageUser({ permission: 'stacks:read' }, '/stacks');
  let stacks: StackSummary[] = [];
  let error: string | null = null;
  try {
    stacks = await listStacks(managerClientFor(user), await getDatabase());
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  return (
    <>
      <h1>Stacks</h1>
      <p>Compose files deployed to the swarm, as docker stack deploy does (see the documentation&apos;s stacks page for what is supported).</p>
      <ErrorBox message={error} />
      <DataTable testId="stacks" columns={['Name', 'Services', 'Tasks running', 'Version', 'Last deployed']} rows={stacks} empty="No stacks yet">
        {(stack) => (
          <tr key={stack.name} data-testid={`stack-${stack.name}`}>
            <td>
              <Link href={`/stacks/${encodeURIComponent(stack.name)}`}>{stack.name}</Link>
            </td>
            <td>{stack.services}</td>
            <td>
              {stack.tasksRunning} / {stack.tasksDesired}
            </td>
            <td>{stack.version ?? 'not deployed by the console'}</td>
            <td>{stack.updatedAt ? `${stack.updatedAt.slice(0, 19).replace('T', ' ')} by ${stack.updatedBy ?? '?'}` : '—'}</td>
          </tr>
        )}
      </DataTable>
      {granteeGrants(user, 'stacks:write') && <DeployStackForm />}
    </>
  );
}
