import type { ReactNode } from 'react';
import { ArgvList } from '@/app/components/argv-list';
import { RelativeTime } from '@/app/components/relative-time';
import Link from 'next/link';
import { PageFailure } from '@/app/components/page-failure';
import { DataTable } from '@/app/components/data-table';
import { ErrorBox } from '@/app/components/error-box';
import { KeyValueTable } from '@/app/components/key-value-table';
import { ListOrNone } from '@/app/components/list-or-none';
import { requirePageUser } from '@/lib/auth/guard';
import { granteeGrants } from '@/lib/auth/permissions';
import { containerProcesses, type ContainerProcess } from '@/lib/containers/container-top';
import { inspectContainer } from '@/lib/containers/inspect-container';
import { engineForHost } from '@/lib/engines/locate';
import { getContainerContext } from '@/lib/engines/registry';
import { MAX_SCALE } from '@/lib/containers/container-schema';
import { AppError } from '@/lib/errors/app-error';
import { formatBytes } from '@/lib/format/format-bytes';
import { ConsolePanel } from './console-panel';
import { DetailActions } from './detail-actions';
import { KillForm } from './kill-form';
import { LimitsForm } from './limits-form';
import { LogsPanel } from './logs-panel';
import { RemoveForm } from './remove-form';
import { RenameForm } from './rename-form';
import { ScaleForm } from './scale-form';
import { StatsPanel } from './stats-panel';

export const dynamic = 'force-dynamic';

export default async function ContainerPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ host?: string }> }) {
  const { id } = await params;
  const { host } = await searchParams;
  const user = await requirePageUser({ permission: 'containers:read' }, `/containers/${id}`);
  let inspected;
  try {
    inspected = await inspectContainer(getContainerContext(user), id, host);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (
      <PageFailure title="Container" message={error.message}>
        <Link href="/containers">Back to the containers</Link>
      </PageFailure>
    );
  }
  const { container, raw } = inspected;
  const canWrite = granteeGrants(user, 'containers:write');
  // The host's core count bounds the cpuset; the form works without it (the API checks anyway).
  let hostCores: number | null = null;
  if (canWrite) {
    try {
      hostCores = (await engineForHost(getContainerContext(user), container.host)).identity.cpus || null;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }
  // The processes are a second call: a container that stopped meanwhile just has none.
  let processes: ContainerProcess[] | string;
  try {
    processes = await containerProcesses(getContainerContext(user), container.id, container.host);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    processes = error.message;
  }
  const rows: [string, ReactNode][] = [
    ['Id', container.id.slice(0, 12)],
    ['Image', container.image],
    ['Host', container.host],
    ['Command', container.command.length === 0 ? '—' : <ArgvList words={container.command} testId="container-argv" />],
    ['CPU cores', container.cpus === null ? 'unlimited' : String(container.cpus)],
    ['Cpuset', container.cpuset ?? 'all cores'],
    ['Memory limit', container.memoryBytes === null ? 'unlimited' : formatBytes(container.memoryBytes)],
    ['Restart policy', container.restartPolicy.name],
    ['Started', container.startedAt ? <RelativeTime iso={container.startedAt} /> : '—'],
    ...(container.exitCode !== null ? ([['Exit code', String(container.exitCode)]] as [string, ReactNode][]) : []),
  ];
  return (
    <>
      <div className="heading-row">
        <h1 data-testid="container-name">{container.name}</h1>
        <span className={`state state-${container.state}`} data-testid="container-state">
          {container.state}
        </span>
      </div>
      {canWrite && <DetailActions id={container.id} host={container.host} state={container.state} />}
      <div className="two-columns">
        <section className="card">
          <h2>Configuration</h2>
          <KeyValueTable rows={rows} testIdPrefix="detail" />
        </section>
        <section className="card">
          <h2>Networks</h2>
          <table className="kv">
            <tbody>
              {container.networks.map((network) => (
                <tr key={network.name}>
                  <td>{network.name}</td>
                  <td data-testid={`network-${network.name}`}>
                    {network.address ?? 'no address'}
                    {network.fixedAddress ? ' (fixed)' : ''} {network.mac ? `· ${network.mac}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Mounts</h2>
          <ListOrNone items={container.mounts}>
            {(mount) => (
              <li key={mount.target}>
                {mount.type} {mount.source} → {mount.target} {mount.readOnly ? '(read-only)' : ''}
              </li>
            )}
          </ListOrNone>
          <h2>Ports</h2>
          <ListOrNone items={container.ports}>
            {(port) => (
              <li key={`${port.containerPort}/${port.protocol}/${port.hostPort}`}>
                {port.containerPort}/{port.protocol}
                {port.hostPort !== null ? ` ← ${port.hostIp ?? '0.0.0.0'}:${port.hostPort}` : ''}
              </li>
            )}
          </ListOrNone>
        </section>
      </div>
      <section className="card" data-testid="processes">
        <h2>Processes</h2>
        {typeof processes === 'string' ? (
          <ErrorBox message={processes} />
        ) : processes.length === 0 ? (
          <p className="muted">No processes: the container is not running.</p>
        ) : (
          <DataTable columns={['PID', 'User', 'Command']} rows={processes}>
            {(row) => (
              <tr key={row.pid} data-testid="process-row">
                <td>{row.pid}</td>
                <td>{row.user}</td>
                <td>
                  <code>{row.command}</code>
                </td>
              </tr>
            )}
          </DataTable>
        )}
      </section>
      {canWrite && (
        <section className="card" data-testid="container-controls">
          <h2>Change</h2>
          <div className="controls-grid">
            <RenameForm key={container.name} id={container.id} host={container.host} name={container.name} />
            <LimitsForm id={container.id} host={container.host} limits={{ cpus: container.cpus, cpuset: container.cpuset, memoryBytes: container.memoryBytes }} hostCores={hostCores} />
            <ScaleForm id={container.id} host={container.host} max={MAX_SCALE} />
            {(container.state === 'running' || container.state === 'paused' || container.state === 'restarting') && <KillForm id={container.id} host={container.host} />}
            <RemoveForm id={container.id} host={container.host} name={container.name} />
          </div>
        </section>
      )}
      {container.state === 'running' && <StatsPanel id={container.id} host={container.host} cpus={container.cpus} cpuset={container.cpuset} />}
      {container.state === 'running' && canWrite && <ConsolePanel id={container.id} host={container.host} />}
      <LogsPanel id={container.id} host={container.host} />
      <details className="card">
        <summary>Raw JSON (docker inspect)</summary>
        <pre className="raw" data-testid="raw-json">
          {JSON.stringify(raw, null, 2)}
        </pre>
      </details>
    </>
  );
}
