'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { apiPath } from '@/app/components/api/api-path';
import { ErrorBox } from '@/app/components/error-box';
import { FieldsForm } from '@/app/components/fields-form';
import { FormFailure } from '@/app/components/form-failure';
import { NameOptions } from '@/app/components/name-options';
import type { HostResult } from '@/lib/networks/flat-everywhere';

type Fields = Readonly<Record<string, string>>;
const FORM_STYLE = { marginTop: '1.5rem', maxWidth: 520 };

/** Per-host gateways typed into the "gateway@<host>" fields (empty ones fall back to the common gateway). */
function hostGateways(data: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(data)
      .filter(([field, value]) => field.startsWith('gateway@') && value.trim() !== '')
      .map(([field, value]) => [field.slice('gateway@'.length), value.trim()]),
  );
}

/** The guided form: the seed's flat network (gateway = this host, router = DefaultGatewayIPv4) or an overlay. */
export function CreateNetworkForm({ engines }: { engines: { host: string; url: string }[] }) {
  const router = useRouter();
  const [kind, setKind] = useState<'flat' | 'overlay'>('flat');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Fields>({});
  const [created, setCreated] = useState<string | null>(null);
  const [target, setTarget] = useState(engines[0]?.url ?? 'all');
  const [results, setResults] = useState<{ summary: string; results: HostResult[] } | null>(null);
  const fieldError = (name: string) => (fields[name] ? <div className="field-error">{fields[name]}</div> : null);

  return (
    <FieldsForm
      className="form"
      style={FORM_STYLE}
      data-testid="create-network-form"
      onFields={async (data) => {
        const text = (name: string) => (data[name]?.trim() ? data[name].trim() : undefined);
        const body =
          kind === 'flat'
            ? { kind, name: text('name'), subnet: text('subnet'), gateway: text('gateway'), router: text('router'), mtu: Number(text('mtu') ?? 1500), bridgeName: text('bridgeName'), ipamDriver: text('ipamDriver'), target, ...(target === 'all' ? { gateways: hostGateways(data) } : {}) }
            : { kind, name: text('name'), subnet: text('subnet'), attachable: data.attachable === 'on', encrypted: data.encrypted === 'on' };
        // A flat network on chosen engines answers with a result per host; an overlay with the network.
        const answer = await api.post<{ results?: HostResult[]; summary?: string }>('/api/v1/networks', body).catch(ApiError.from);
        setResults(null);
        setCreated(null);
        if (!(answer instanceof ApiError)) {
          setError(null);
          setFields({});
          if (answer.results) setResults({ summary: answer.summary ?? '', results: answer.results });
          else setCreated(String(body.name));
          router.refresh();
          return;
        }
        setError(answer.message);
        setFields(answer.fields);
      }}
    >
      <h2>Create a network</h2>
      <ErrorBox message={error} testId="create-network-error" />
      {created && <div className="ok">Network {created} created.</div>}
      {results && (
        <div className={results.results.some((result) => result.outcome === 'failed') ? 'error-box' : 'ok'} role="status" data-testid="create-network-results">
          {results.summary}
          <ul>
            {results.results.map((result, index) => (
              <li key={`${result.url}-${index}`} data-testid={`network-result-${result.host}`} data-outcome={result.outcome}>
                <strong>{result.host}</strong>: {result.outcome === 'failed' ? 'failed: ' : ''}
                {result.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <label htmlFor="network-kind">Kind</label>
      <select id="network-kind" value={kind} onChange={(e) => setKind(e.target.value === 'overlay' ? 'overlay' : 'flat')}>
        <option value="flat">flat bridge on the hosts&apos; LAN (the seed&apos;s br0, IPAM sidecar)</option>
        <option value="overlay">overlay (swarm-wide)</option>
      </select>
      <label htmlFor="network-name">Name</label>
      <input id="network-name" name="name" placeholder="mynet" required />
      {fieldError('name')}
      <label htmlFor="network-subnet">Subnet</label>
      <input id="network-subnet" name="subnet" placeholder={kind === 'flat' ? '10.199.0.0/24' : 'optional, e.g. 10.0.9.0/24'} required={kind === 'flat'} />
      {fieldError('subnet')}
      {kind === 'flat' ? (
        <>
          <label htmlFor="network-target">Create on</label>
          <select id="network-target" value={target} onChange={(e) => setTarget(e.target.value)}>
            {engines.map((engine) => (
              <option key={engine.url} value={engine.url}>
                {engine.host}
              </option>
            ))}
            <option value="all">every engine ({engines.length}): each host gets its own br0 network</option>
          </select>
          {fieldError('target')}
          <label htmlFor="network-gateway">Gateway: this host&apos;s address</label>
          <input id="network-gateway" name="gateway" placeholder="10.199.0.1" required />
          {fieldError('gateway')}
          {target === 'all' &&
            engines.map((engine) => (
              <div key={engine.url}>
                <label htmlFor={`network-gateway-${engine.host}`}>Gateway on {engine.host} (its own address; empty: the one above)</label>
                <input id={`network-gateway-${engine.host}`} name={`gateway@${engine.host}`} placeholder="10.199.0.2" />
                {fieldError(`gateways.${engine.host}`)}
              </div>
            ))}
          <label htmlFor="network-router">Router (DefaultGatewayIPv4)</label>
          <input id="network-router" name="router" placeholder="10.199.0.254" required />
          {fieldError('router')}
          <label htmlFor="network-mtu">MTU</label>
          <input id="network-mtu" name="mtu" type="number" defaultValue={1500} />
          {fieldError('mtu')}
          <label htmlFor="network-bridge">Bridge name</label>
          <input id="network-bridge" name="bridgeName" defaultValue="br0" />
          {fieldError('bridgeName')}
          <label htmlFor="network-ipam">IPAM driver</label>
          <input id="network-ipam" name="ipamDriver" defaultValue="talkingdata" />
          {fieldError('ipamDriver')}
        </>
      ) : (
        <>
          <label>
            <input type="checkbox" name="attachable" defaultChecked style={{ width: 'auto' }} /> attachable (plain containers may join)
          </label>
          <label>
            <input type="checkbox" name="encrypted" style={{ width: 'auto' }} /> encrypted (IPsec between hosts)
          </label>
        </>
      )}
      <button type="submit">Create network</button>
    </FieldsForm>
  );
}

export function RemoveNetworkButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="small"
        onClick={async () => {
          if (!window.confirm(`Remove the network ${name}? Containers must be disconnected from it first.`)) return;
          const failure = await api.delete(apiPath`/api/v1/networks/${id}`).then(() => null, ApiError.from);
          if (!failure) {
            setError(null);
            router.refresh();
          } else setError(failure.message);
        }}
      >
        Remove {name}
      </button>
      <FormFailure message={error} testId="remove-network-error" />
    </>
  );
}

/** Connect or disconnect a container (by name or id), optionally with a fixed address. */
export function ConnectForm({ networks }: { networks: string[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <FieldsForm
      className="form"
      style={FORM_STYLE}
      data-testid="connect-form"
      onFields={async (data, submitter) => {
        const action = submitter?.value === 'disconnect' ? 'disconnect' : 'connect';
        const container = data.container?.trim() ?? '';
        const ipv4 = data.ipv4?.trim();
        const body = action === 'connect' ? { container, ...(ipv4 ? { ipv4 } : {}) } : { container };
        const failure = await api.post(apiPath`/api/v1/networks/${data.network ?? ''}/${action}`, body).then(() => null, ApiError.from);
        if (!failure) {
          setMessage({ ok: true, text: `${container} ${action}ed` });
          router.refresh();
        } else setMessage({ ok: false, text: failure.message });
      }}
    >
      <h2>Connect a container</h2>
      {message && (
        <div className={message.ok ? 'ok' : 'error-box'} role="status" data-testid="connect-result">
          {message.text}
        </div>
      )}
      <label htmlFor="connect-network">Network</label>
      <select id="connect-network" name="network">
        <NameOptions names={networks} />
      </select>
      <label htmlFor="connect-container">Container (name or id)</label>
      <input id="connect-container" name="container" required />
      <label htmlFor="connect-ipv4">Address (optional, connect only)</label>
      <input id="connect-ipv4" name="ipv4" placeholder="10.199.0.20" />
      <button type="submit" value="connect">
        Connect
      </button>{' '}
      <button type="submit" value="disconnect">
        Disconnect
      </button>
    </FieldsForm>
  );
}
