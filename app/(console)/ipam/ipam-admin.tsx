'use client';

import { useState } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';

async function post(path: string, body: unknown): Promise<{ ok: boolean; text: string }> {
  // A range answers with its pool, gc with what it freed.
  const json = await api.post<{ pool?: { subnet: string }; freed?: number; lines?: string[] }>(path, body).catch(ApiError.from);
  if (json instanceof ApiError) return { ok: false, text: json.message };
  if (json.pool) return { ok: true, text: `Range added to ${json.pool.subnet}` };
  return { ok: true, text: [`gc freed ${json.freed ?? 0} allocation(s)`, ...(json.lines ?? [])].join('\n') };
}

/** Admin actions, through the same library functions as shipyard-ipam ip-range / host-range / gc. */
export function IpamAdmin() {
  const [kind, setKind] = useState<'container' | 'host'>('container');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div className="grid" style={{ marginTop: '1.5rem' }}>
      <form
        className="form"
        data-testid="add-range-form"
        onSubmit={async (event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          const gateway = String(data.get('gateway') ?? '').trim();
          setResult(
            await post('/api/v1/ipam/ranges', { kind, start: data.get('start'), end: data.get('end'), ...(kind === 'host' && gateway ? { gateway } : {}) }),
          );
        }}
      >
        <h2>Add a range</h2>
        <label htmlFor="range-kind">Kind</label>
        <select id="range-kind" value={kind} onChange={(e) => setKind(e.target.value === 'host' ? 'host' : 'container')}>
          <option value="container">container addresses (ip-range)</option>
          <option value="host">host addresses and router (host-range)</option>
        </select>
        <label htmlFor="range-start">First address</label>
        <input id="range-start" name="start" placeholder="10.199.0.10/24" required />
        <label htmlFor="range-end">Last address</label>
        <input id="range-end" name="end" placeholder="10.199.0.200/24" required />
        {kind === 'host' && (
          <>
            <label htmlFor="range-gateway">Router (DefaultGatewayIPv4)</label>
            <input id="range-gateway" name="gateway" placeholder="10.199.0.254" required />
          </>
        )}
        <button type="submit">Add range</button>
      </form>
      <form
        className="form"
        onSubmit={async (event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          setResult(await post('/api/v1/ipam/gc', { freeGoneHosts: data.get('freeGoneHosts') === 'on', graceSeconds: Number(data.get('grace') ?? 600) }));
        }}
      >
        <h2>Garbage collection</h2>
        <label htmlFor="gc-grace">Keep allocations younger than (seconds)</label>
        <input id="gc-grace" name="grace" type="number" min={0} defaultValue={600} />
        <label>
          <input type="checkbox" name="freeGoneHosts" style={{ width: 'auto' }} /> also free allocations of hosts without a live plugin
        </label>
        <button type="submit">Run gc</button>
      </form>
      {result && (
        <pre className={result.ok ? 'ok-box' : 'error-box'} role="status" data-testid="ipam-admin-result">
          {result.text}
        </pre>
      )}
    </div>
  );
}
