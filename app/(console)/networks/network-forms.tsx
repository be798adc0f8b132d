'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

type Fields = Record<string, string>;
interface ApiError {
  error: { message: string; fields?: { path: string; message: string }[] };
}

/** The guided form: the seed's flat network (gateway = this host, router = DefaultGatewayIPv4) or an overlay. */
export function CreateNetworkForm() {
  const router = useRouter();
  const [kind, setKind] = useState<'flat' | 'overlay'>('flat');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Fields>({});
  const [created, setCreated] = useState<string | null>(null);
  const fieldError = (name: string) => (fields[name] ? <div className="field-error">{fields[name]}</div> : null);

  return (
    <form
      className="form"
      style={{ marginTop: '1.5rem', maxWidth: 520 }}
      data-testid="create-network-form"
      onSubmit={async (event) => {
        event.preventDefault();
        const data = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
        const text = (name: string) => (data[name]?.trim() ? data[name].trim() : undefined);
        const body =
          kind === 'flat'
            ? { kind, name: text('name'), subnet: text('subnet'), gateway: text('gateway'), router: text('router'), mtu: Number(text('mtu') ?? 1500), bridgeName: text('bridgeName'), ipamDriver: text('ipamDriver') }
            : { kind, name: text('name'), subnet: text('subnet'), attachable: data.attachable === 'on', encrypted: data.encrypted === 'on' };
        const response = await fetch('/api/v1/networks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        if (response.ok) {
          setError(null);
          setFields({});
          setCreated(String(body.name));
          router.refresh();
          return;
        }
        const failure = (await response.json()) as ApiError;
        setError(failure.error.message);
        setFields(Object.fromEntries((failure.error.fields ?? []).map((field) => [field.path, field.message])));
      }}
    >
      <h2>Create a network</h2>
      {error && (
        <div className="error-box" role="alert" data-testid="create-network-error">
          {error}
        </div>
      )}
      {created && <div className="ok">Network {created} created.</div>}
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
          <label htmlFor="network-gateway">Gateway: this host&apos;s address</label>
          <input id="network-gateway" name="gateway" placeholder="10.199.0.1" required />
          {fieldError('gateway')}
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
    </form>
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
          const response = await fetch(`/api/v1/networks/${encodeURIComponent(id)}`, { method: 'DELETE' });
          if (response.ok) {
            setError(null);
            router.refresh();
          } else setError(((await response.json()) as ApiError).error.message);
        }}
      >
        Remove {name}
      </button>
      {error && (
        <div className="field-error" role="alert" data-testid="remove-network-error">
          {error}
        </div>
      )}
    </>
  );
}

/** Connect or disconnect a container (by name or id), optionally with a fixed address. */
export function ConnectForm({ networks }: { networks: string[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <form
      className="form"
      style={{ marginTop: '1.5rem', maxWidth: 520 }}
      data-testid="connect-form"
      onSubmit={async (event) => {
        event.preventDefault();
        const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        const action = submitter?.value === 'disconnect' ? 'disconnect' : 'connect';
        const data = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
        const container = data.container?.trim() ?? '';
        const ipv4 = data.ipv4?.trim();
        const body = action === 'connect' ? { container, ...(ipv4 ? { ipv4 } : {}) } : { container };
        const response = await fetch(`/api/v1/networks/${encodeURIComponent(data.network ?? '')}/${action}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (response.ok) {
          setMessage({ ok: true, text: `${container} ${action}ed` });
          router.refresh();
        } else setMessage({ ok: false, text: ((await response.json()) as ApiError).error.message });
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
        {networks.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
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
    </form>
  );
}
