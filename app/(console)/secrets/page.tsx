import { DataTable } from '@/app/components/data-table';
import { ErrorBox } from '@/app/components/error-box';
import { requirePageUser } from '@/lib/auth/guard';
import { granteeGrants } from '@/lib/auth/permissions';
import { relativeTime } from '@/lib/format/relative-time';
import { listConfigs, listSecrets, type ConfigView, type SecretView } from '@/lib/secrets/secret-view';
import { managerClientFor } from '@/lib/server/services';
import { CreateSwarmObjectForm, RemoveSwarmObjectButton } from './secret-forms';

export const dynamic = 'force-dynamic';

const labelsText = (labels: Readonly<Record<string, string>>) => Object.entries(labels).map(([key, value]) => `${key}=${value}`).join(', ') || '—';

/** Swarm secrets (never their values) and configs (with their data): admins, and accounts granted the secrets area. */
export default async function SecretsPage() {
  const user = await requirePageUser({ permission: 'secrets:read' }, '/secrets');
  const canWrite = granteeGrants(user, 'secrets:write');
  const docker = managerClientFor(user);
  let secrets: SecretView[] = [];
  let configs: ConfigView[] = [];
  let error: string | null = null;
  try {
    [secrets, configs] = await Promise.all([listSecrets(docker), listConfigs(docker)]);
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  return (
    <>
      <h1>Secrets and configs</h1>
      <ErrorBox message={error} />
      <h2>Secrets</h2>
      <p className="hint">A secret&apos;s value is never shown again: a service that mounts it reads it as /run/secrets/&lt;target&gt;.</p>
      <DataTable testId="secrets" columns={['Name', 'ID', 'Created', 'Labels', 'Used by services', canWrite && '']} rows={secrets} empty="No secrets">
        {(secret) => (
          <tr key={secret.id} data-testid={`secret-${secret.name}`}>
            <td>{secret.name}</td>
            <td title={secret.id}>{secret.id.slice(0, 12)}</td>
            <td title={secret.createdAt}>{relativeTime(secret.createdAt)}</td>
            <td>{labelsText(secret.labels)}</td>
            <td data-testid={`secret-users-${secret.name}`}>{secret.usedBy.join(', ') || '—'}</td>
            {canWrite && (
              <td>
                <RemoveSwarmObjectButton kind="secrets" id={secret.id} name={secret.name} />
              </td>
            )}
          </tr>
        )}
      </DataTable>
      <h2>Configs</h2>
      <DataTable testId="configs" columns={['Name', 'ID', 'Created', 'Labels', 'Data', 'Used by services', canWrite && '']} rows={configs} empty="No configs">
        {(config) => (
          <tr key={config.id} data-testid={`config-${config.name}`}>
            <td>{config.name}</td>
            <td title={config.id}>{config.id.slice(0, 12)}</td>
            <td title={config.createdAt}>{relativeTime(config.createdAt)}</td>
            <td>{labelsText(config.labels)}</td>
            <td>
              <pre style={{ margin: 0, maxHeight: '8rem', overflow: 'auto', whiteSpace: 'pre-wrap' }}>{config.data ?? `(binary, ${config.dataBase64.length} base64 characters)`}</pre>
            </td>
            <td data-testid={`config-users-${config.name}`}>{config.usedBy.join(', ') || '—'}</td>
            {canWrite && (
              <td>
                <RemoveSwarmObjectButton kind="configs" id={config.id} name={config.name} />
              </td>
            )}
          </tr>
        )}
      </DataTable>
      {canWrite && (
        <div className="grid" style={{ gridTemplateColumns: 'repeat(auto-fill, minmax(420px, 1fr))' }}>
          <CreateSwarmObjectForm kind="secrets" />
          <CreateSwarmObjectForm kind="configs" />
        </div>
      )}
    </>
  );
}
