'use client';

import { useRouter } from 'next/navigation';
import { type ReactNode, useEffect, useState } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { ErrorBox } from '@/app/components/error-box';
import { FieldErrorText } from '@/app/components/field-message';
import { FieldsForm } from '@/app/components/fields-form';
import { describePoolState, subnetPoolState } from '@/lib/ipam-view/pool-state';
import { whoAddsRanges } from '@/lib/ipam-view/range-access';
import type { IpamPoolView } from '@/lib/ipam-view/types';
import type { HostResult } from '@/lib/networks/flat-everywhere';
import { PROJECT_IPAM_DRIVER } from '@/lib/networks/network-schema';

type Fields = Readonly<Record<string, string>>;
type Kind = 'flat' | 'swarm-flat' | 'overlay';
const FORM_STYLE = { marginTop: '1.5rem', maxWidth: 520 };
const KINDS: readonly Kind[] = ['flat', 'swarm-flat', 'overlay'];

export interface CreateNetworkFormProps {
  readonly engines: { host: string; url: string }[];
  /** The caller may add a container range (ip-range) in the same step. */
  readonly canAddRanges: boolean;
  /** The caller may read the pools (ipam:read): the form shows the subnet's pool state. */
  readonly canReadIpam: boolean;
  /** SHIPYARD_SWARM_IPAM_DRIVER: the managed plugin swarm-scoped flat networks use. */
  readonly swarmIpamDriver: string;
  /** Config-only networks and ConfigFrom are an admin's (lib/policy/fields/network-create.ts). */
  readonly canCreateSwarmFlat: boolean;
}

/** Per-host gateways typed into the "gateway@<host>" fields (empty ones fall back to the common gateway). */
function hostGateways(data: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(data)
      .filter(([field, value]) => field.startsWith('gateway@') && value.trim() !== '')
      .map(([field, value]) => [field.slice('gateway@'.length), value.trim()]),
  );
}

/** The request body of each kind, from the form's fields. */
function bodyOf(kind: Kind, data: Record<string, string>, target: string): Record<string, unknown> {
  const text = (name: string) => (data[name]?.trim() ? data[name].trim() : undefined);
  const range = text('rangeStart') || text('rangeEnd') ? { containerRange: { start: text('rangeStart'), end: text('rangeEnd') } } : {};
  const flatFields = { name: text('name'), subnet: text('subnet'), gateway: text('gateway'), router: text('router'), mtu: Number(text('mtu') ?? 1500), ...range };
  if (kind === 'flat') {
    const other = data.otherIpamDriver === 'on';
    return {
      kind,
      ...flatFields,
      bridgeName: text('bridgeName'),
      ipamDriver: other ? text('ipamDriver') : PROJECT_IPAM_DRIVER,
      otherIpamDriver: other,
      target,
      ...(target === 'all' ? { gateways: hostGateways(data) } : {}),
    };
  }
  if (kind === 'swarm-flat') {
    const driver = text('driver') ?? 'bridge';
    return { kind, ...flatFields, driver, ...(driver === 'macvlan' ? { parent: text('parent') } : { bridgeName: text('bridgeName') }) };
  }
  return { kind, name: text('name'), subnet: text('subnet'), attachable: data.attachable === 'on', encrypted: data.encrypted === 'on' };
}

/** The pools in etcd, read once when the form opens (null: not readable for this caller, or etcd did not answer). */
function usePools(enabled: boolean): { pools: IpamPoolView[] | null; error: string | null; reload: () => void } {
  const [pools, setPools] = useState<IpamPoolView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    api.get<{ pools: IpamPoolView[] }>('/api/v1/ipam/pools').then(
      (answer) => {
        if (!current) return;
        setPools(answer.pools);
        setError(null);
      },
      (failure: unknown) => current && setError(ApiError.from(failure).message),
    );
    return () => {
      current = false;
    };
  }, [enabled, round]);
  return { pools, error, reload: () => setRound((value) => value + 1) };
}

/** The guided form: the seed's flat network per host, the swarm-scoped flat network (once, on the manager), or an overlay. */
export function CreateNetworkForm({ engines, canAddRanges, canReadIpam, swarmIpamDriver, canCreateSwarmFlat }: CreateNetworkFormProps) {
  const router = useRouter();
  const [kind, setKind] = useState<Kind>('flat');
  const [subnet, setSubnet] = useState('');
  const [otherIpam, setOtherIpam] = useState(false);
  const [swarmDriver, setSwarmDriver] = useState<'bridge' | 'macvlan'>('bridge');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Fields>({});
  const [created, setCreated] = useState<string | null>(null);
  const [target, setTarget] = useState(engines[0]?.url ?? 'all');
  const [results, setResults] = useState<{ summary: string; results: HostResult[] } | null>(null);
  const flatKind = kind !== 'overlay';
  const { pools, error: poolsError, reload: reloadPools } = usePools(canReadIpam && flatKind);
  // The shared field message: the named control gets aria-invalid (the error border) and points at it.
  const fieldError = (name: string) => <FieldErrorText name={name} message={fields[name]} />;
  // Another IPAM driver owns its own addresses: the project's pools then say nothing about this network.
  const usesProjectPools = kind === 'swarm-flat' || (kind === 'flat' && !otherIpam);
  const poolState = pools && usesProjectPools ? subnetPoolState(pools, subnet) : null;
  const needsRange = poolState?.state === 'no-pool' || poolState?.state === 'no-container-range';

  return (
    <FieldsForm
      className="form"
      style={FORM_STYLE}
      data-testid="create-network-form"
      onFields={async (data) => {
        const body = bodyOf(kind, data, target);
        // A flat network on chosen engines answers with a result per host; the others with the network.
        const answer = await api.post<{ results?: HostResult[]; summary?: string }>('/api/v1/networks', body).catch(ApiError.from);
        setResults(null);
        setCreated(null);
        reloadPools();
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
      {created && (
        <div className="ok" role="status">
          Network {created} created.
        </div>
      )}
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
      <select id="network-kind" value={kind} onChange={(e) => setKind(KINDS.find((value) => value === e.target.value) ?? 'flat')}>
        <option value="flat">flat bridge on the hosts&apos; LAN (the seed&apos;s br0, IPAM sidecar), per host</option>
        <option value="swarm-flat">swarm-scoped flat network (for services; created once on the manager)</option>
        <option value="overlay">overlay (swarm-wide)</option>
      </select>
      {kind === 'swarm-flat' && (
        <p className="muted" data-testid="swarm-flat-note">
          Each engine gets the network&apos;s settings (a config-only network: subnet, gateway, router, bridge or parent, IPAM driver{' '}
          <strong>{swarmIpamDriver}</strong>), then the swarm manager creates the swarm-scoped network once. The managed plugin must be installed and
          enabled on every host. Services and standalone containers get addresses from the same pools as the local flat network.
          {!canCreateSwarmFlat && (
            <strong data-testid="swarm-flat-admin">
              {' '}
              Creating it needs the admin role (a config-only network names host interfaces): ask an admin.
            </strong>
          )}
        </p>
      )}
      <label htmlFor="network-name">Name</label>
      <input id="network-name" name="name" placeholder="mynet" required aria-invalid={fields.name ? true : undefined} />
      {fieldError('name')}
      <label htmlFor="network-subnet">Subnet</label>
      <input
        id="network-subnet"
        name="subnet"
        placeholder={flatKind ? '10.199.0.0/24' : 'optional, e.g. 10.0.9.0/24'}
        required={flatKind}
        value={subnet}
        onChange={(e) => setSubnet(e.target.value)}
        aria-invalid={fields.subnet ? true : undefined}
      />
      {fieldError('subnet')}
      {flatKind && (
        <PoolPanel
          canReadIpam={canReadIpam}
          usesProjectPools={usesProjectPools}
          text={poolState ? describePoolState(poolState) : null}
          loadError={poolsError}
          state={poolState?.state ?? null}
        />
      )}
      {flatKind && needsRange && poolState && (
        <RangeStep canAddRanges={canAddRanges} subnet={poolState.subnet} fieldError={fieldError} />
      )}
      {kind === 'flat' && (
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
        </>
      )}
      {flatKind && (
        <>
          <label htmlFor="network-gateway">{kind === 'flat' ? "Gateway: this host's address" : 'Gateway'}</label>
          <input id="network-gateway" name="gateway" placeholder={kind === 'flat' ? '10.199.0.1' : '10.199.0.254'} required aria-invalid={fields.gateway ? true : undefined} />
          {fieldError('gateway')}
          {kind === 'flat' &&
            target === 'all' &&
            engines.map((engine) => (
              <div key={engine.url}>
                <label htmlFor={`network-gateway-${engine.host}`}>Gateway on {engine.host} (its own address; empty: the one above)</label>
                <input id={`network-gateway-${engine.host}`} name={`gateway@${engine.host}`} placeholder="10.199.0.2" />
                {fieldError(`gateways.${engine.host}`)}
              </div>
            ))}
          <label htmlFor="network-router">Router (DefaultGatewayIPv4)</label>
          <input id="network-router" name="router" placeholder="10.199.0.254" required aria-invalid={fields.router ? true : undefined} />
          {fieldError('router')}
          <label htmlFor="network-mtu">MTU</label>
          <input id="network-mtu" name="mtu" type="number" defaultValue={1500} />
          {fieldError('mtu')}
        </>
      )}
      {kind === 'swarm-flat' && (
        <>
          <label htmlFor="network-driver">Driver on each host</label>
          <select id="network-driver" name="driver" value={swarmDriver} onChange={(e) => setSwarmDriver(e.target.value === 'macvlan' ? 'macvlan' : 'bridge')}>
            <option value="bridge">bridge on each host&apos;s bridge (the seed&apos;s br0)</option>
            <option value="macvlan">macvlan on each host&apos;s interface</option>
          </select>
          {fieldError('driver')}
        </>
      )}
      {(kind === 'flat' || (kind === 'swarm-flat' && swarmDriver === 'bridge')) && (
        <>
          <label htmlFor="network-bridge">Bridge name</label>
          <input id="network-bridge" name="bridgeName" defaultValue="br0" />
          {fieldError('bridgeName')}
        </>
      )}
      {kind === 'swarm-flat' && swarmDriver === 'macvlan' && (
        <>
          <label htmlFor="network-parent">Parent interface (on every host)</label>
          <input id="network-parent" name="parent" placeholder="eth0" required />
          {fieldError('parent')}
        </>
      )}
      {kind === 'flat' && (
        <IpamDriverChoice other={otherIpam} onOther={setOtherIpam} fieldError={fieldError} />
      )}
      {/* Its own box: the plugin's absence is no one control's fault, so none gets the error border. */}
      {kind === 'swarm-flat' && <div>{fieldError('ipamDriver')}</div>}
      {kind === 'overlay' && (
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

/** The subnet's pool before submit: its ranges and free addresses, or what is missing. */
function PoolPanel(props: { canReadIpam: boolean; usesProjectPools: boolean; text: string | null; loadError: string | null; state: string | null }) {
  let text: string;
  if (!props.usesProjectPools) text = 'Another IPAM driver keeps its own addresses: the pools in etcd do not apply to this network.';
  else if (!props.canReadIpam) text = 'Your account may not read the IP pools (ipam:read), so their state is not shown here.';
  else if (props.loadError) text = `The pools could not be read: ${props.loadError}`;
  else text = props.text ?? 'Reading the pools…';
  return (
    <div className="muted" role="status" data-testid="pool-state" data-state={props.state ?? 'unknown'} style={{ margin: '0.4rem 0 0.2rem' }}>
      {text}
    </div>
  );
}

/** No container range yet: a caller who may add one does it here; everyone else is told whom to ask. */
function RangeStep(props: { canAddRanges: boolean; subnet: string; fieldError: (name: string) => ReactNode }) {
  if (!props.canAddRanges) {
    return (
      <p data-testid="range-who" style={{ margin: '0.4rem 0', background: 'var(--warn-bg)', border: '1px solid var(--warn-line)', borderRadius: 4, padding: '0.5rem' }}>
        {whoAddsRanges(props.subnet)}. You can create the network now; its containers get addresses once the range exists.
      </p>
    );
  }
  return (
    <fieldset data-testid="range-step" style={{ border: '1px solid var(--line)', borderRadius: 4, marginTop: '0.6rem' }}>
      <legend>Container range for {props.subnet} (added with the network)</legend>
      <label htmlFor="network-range-start">First container address</label>
      <input id="network-range-start" name="rangeStart" placeholder="10.199.0.100" />
      <label htmlFor="network-range-end">Last container address</label>
      <input id="network-range-end" name="rangeEnd" placeholder="10.199.0.199" />
      {props.fieldError('containerRange')}
      {props.fieldError('containerRange.start')}
      {props.fieldError('containerRange.end')}
    </fieldset>
  );
}

/** The project's IPAM driver, or another one as a knowing, advanced choice with its consequence in view. */
function IpamDriverChoice(props: { other: boolean; onOther: (other: boolean) => void; fieldError: (name: string) => ReactNode }) {
  return (
    <>
      <p style={{ margin: '0.8rem 0 0.2rem' }}>
        IPAM driver: <strong>{props.other ? 'another driver' : `${PROJECT_IPAM_DRIVER} (the project's)`}</strong>
      </p>
      <label>
        <input type="checkbox" name="otherIpamDriver" checked={props.other} onChange={(e) => props.onOther(e.target.checked)} style={{ width: 'auto' }} /> use
        another IPAM driver (advanced)
      </label>
      {props.other && (
        <>
          <div className="error-box" role="note" data-testid="ipam-driver-warning">
            With another IPAM driver, the containers of this network will not appear on the IP allocations page, and their addresses are not coordinated
            with the pools in etcd.
          </div>
          <label htmlFor="network-ipam">IPAM driver</label>
          <input id="network-ipam" name="ipamDriver" placeholder="default" required />
        </>
      )}
      {props.fieldError('ipamDriver')}
    </>
  );
}
