'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import type { ContainerSummary } from '@/lib/containers/container-summary';
import { formatBytes } from '@/lib/format/format-bytes';
import { actionPath, callContainerApi, removePath } from './container-actions';

type SortKey = 'name' | 'state' | 'host' | 'created';

function cpuText(container: ContainerSummary): string {
  const parts = [];
  if (container.cpus !== null) parts.push(`${container.cpus} cores`);
  if (container.cpuset !== null) parts.push(`cpuset ${container.cpuset}`);
  return parts.join(' · ') || '—';
}

/** The containers list: filter by state, search, sort, and (for writers) actions per row. */
export function ContainersTable({ containers, canWrite }: { containers: ContainerSummary[]; canWrite: boolean }) {
  const router = useRouter();
  const [search, setSearch] = useState('');
  const [state, setState] = useState('all');
  const [sort, setSort] = useState<SortKey>('created');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return containers
      .filter((container) => state === 'all' || container.state === state)
      .filter(
        (container) =>
          needle === '' ||
          [container.name, container.image, container.host, container.address ?? '', container.id.slice(0, 12)].some((field) => field.toLowerCase().includes(needle)),
      )
      .sort((a, b) => (sort === 'created' ? b.created.localeCompare(a.created) : a[sort].localeCompare(b[sort])));
  }, [containers, search, state, sort]);

  async function act(container: ContainerSummary, action: 'start' | 'stop' | 'restart' | 'remove') {
    if (action === 'remove' && !window.confirm(`Remove ${container.name}? A running container is stopped first.`)) return;
    setBusy(`${container.id}:${action}`);
    setError(null);
    const failure =
      action === 'remove'
        ? await callContainerApi(removePath(container.id, container.host), 'DELETE')
        : await callContainerApi(actionPath(container.id, container.host, action), 'POST', {});
    setBusy(null);
    if (failure) setError(`${action} ${container.name}: ${failure}`);
    router.refresh();
  }

  return (
    <>
      <div className="toolbar">
        <input aria-label="Search containers" placeholder="Search name, image, host, address" value={search} onChange={(event) => setSearch(event.target.value)} />
        <select aria-label="State" value={state} onChange={(event) => setState(event.target.value)}>
          {['all', 'running', 'paused', 'exited', 'created', 'restarting', 'dead'].map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
        <select aria-label="Sort by" value={sort} onChange={(event) => setSort(event.target.value as SortKey)}>
          <option value="created">newest</option>
          <option value="name">name</option>
          <option value="state">state</option>
          <option value="host">host</option>
        </select>
        <span className="muted" data-testid="containers-count">
          {shown.length} of {containers.length}
        </span>
      </div>
      {error && (
        <div className="error-box" role="alert" data-testid="action-error">
          {error}
        </div>
      )}
      <table className="list" data-testid="containers-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Image</th>
            <th>State</th>
            <th>Host</th>
            <th>Address</th>
            <th>CPU</th>
            <th>Memory</th>
            <th>Created</th>
            {canWrite && <th>Actions</th>}
          </tr>
        </thead>
        <tbody>
          {shown.map((container) => (
            <tr key={`${container.host}/${container.id}`} data-testid={`container-row-${container.name}`}>
              <td>
                <Link href={`/containers/${container.id}?host=${encodeURIComponent(container.host)}`}>{container.name}</Link>
              </td>
              <td>{container.image}</td>
              <td>
                <span className={`state state-${container.state}`} data-testid="container-state">
                  {container.state}
                </span>
              </td>
              <td>{container.host}</td>
              <td data-testid="container-address" title={container.network ?? ''}>
                {container.address ?? '—'}
              </td>
              <td data-testid="container-cpu">{cpuText(container)}</td>
              <td>{container.memoryBytes === null ? '—' : formatBytes(container.memoryBytes)}</td>
              <td>{new Date(container.created).toLocaleString()}</td>
              {canWrite && (
                <td className="actions">
                  {container.state === 'running' || container.state === 'paused' ? (
                    <button type="button" disabled={busy !== null} onClick={() => act(container, 'stop')}>
                      Stop
                    </button>
                  ) : (
                    <button type="button" disabled={busy !== null} onClick={() => act(container, 'start')}>
                      Start
                    </button>
                  )}
                  <button type="button" disabled={busy !== null} onClick={() => act(container, 'restart')}>
                    Restart
                  </button>
                  <button type="button" className="danger" disabled={busy !== null} onClick={() => act(container, 'remove')}>
                    Remove
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 && <p className="muted">No containers match.</p>}
    </>
  );
}
