'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, type ReactNode } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { apiPath } from '@/app/components/api/api-path';
import { CommandField } from '@/app/components/command-field';
import { ErrorBox } from '@/app/components/error-box';
import { FieldErrorText } from '@/app/components/field-message';
import type { AttachmentChoices } from '@/lib/swarm/attachment-choices';
import type { ServiceView } from '@/lib/swarm/services';
import { AttachmentFields } from './attachment-fields';
import { commandProblem, createBody, initialFormState, type PolicyState, type PortState, type ServiceFormState, updateBody } from './service-form-state';
import styles from './swarm.module.css';

interface Props {
  /** The service to edit; none to create one. */
  readonly service?: ServiceView;
  /** The networks a service may join (see serviceNetworkChoices). */
  readonly networks: readonly string[];
  /** The secrets and configs the caller may attach (secrets:write); none: the section is hidden. */
  readonly attachable?: AttachmentChoices | null;
  /** Saved registries the service may pull with (their logins stay on the server). */
  readonly registries?: readonly { id: string; name: string; address: string }[];
}

/**
 * Create a service, or edit one: image, replicas or global mode, networks, published ports,
 * endpoint mode, CPU and memory, constraints, environment, and how updates and rollbacks roll out.
 */
export function ServiceForm({ service, networks, attachable, registries = [] }: Props) {
  const router = useRouter();
  const editing = service !== undefined;
  const prefix = useId();
  const [loaded, setLoaded] = useState(() => initialFormState(service));
  const [state, setState] = useState(loaded);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Readonly<Record<string, string>>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [registryId, setRegistryId] = useState('');
  const set = (patch: Partial<ServiceFormState>) => setState((previous) => ({ ...previous, ...patch }));
  const id = (name: string) => `${prefix}-${name}`;
  const choices = [...new Set([...networks, ...state.networks])];

  const submit = async () => {
    setNotice(null);
    const problem = commandProblem(state);
    if (problem) {
      setError('Fix the fields marked below.');
      setFields({ command: problem });
      return;
    }
    const body = { ...(editing ? updateBody(state, loaded) : createBody(state)), ...(registryId ? { registryId } : {}) };
    if (editing && Object.keys(body).length === 0) {
      setError('Nothing changed');
      setFields({});
      return;
    }
    setBusy(true);
    const saved = editing ? api.patch(apiPath`/api/v1/swarm/services/${service.name}`, body) : api.post('/api/v1/swarm/services', body);
    const failure = await saved.then(() => null, ApiError.from);
    setBusy(false);
    setError(failure?.message ?? null);
    setFields(failure?.fields ?? {});
    if (failure) return;
    if (editing) {
      setLoaded(state);
      setNotice(`Saved (${Object.keys(body).join(', ')}): Docker replaces the tasks per the update configuration`);
    } else {
      setNotice(`Service ${state.name.trim()} created`);
      setState(initialFormState());
    }
    router.refresh();
  };

  const field = (name: keyof ServiceFormState & string, label: string, input: ReactNode) => (
    <div>
      <label htmlFor={id(name)}>{label}</label>
      {input}
      <FieldError message={fields[name]} name={name} />
    </div>
  );
  const textInput = (name: 'name' | 'image' | 'replicas' | 'cpuReservation' | 'cpuLimit' | 'memoryReservationMb' | 'memoryLimitMb', extra: { type?: string; placeholder?: string; step?: string; min?: number; required?: boolean } = {}) => (
    <input id={id(name)} name={name} value={state[name]} onChange={(event) => set({ [name]: event.target.value })} {...extra} />
  );

  return (
    <form
      className="form wide"
      style={{ marginTop: editing ? 0 : '1.5rem', maxWidth: 720 }}
      data-testid={editing ? 'edit-service-form' : 'create-service-form'}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2>{editing ? `Edit ${service.name}` : 'Create a service'}</h2>
      <ErrorBox message={error} testId={editing ? 'edit-service-error' : 'create-service-error'} />
      {notice && (
        <div className="notice" role="status" data-testid={editing ? 'edit-service-notice' : 'create-service-notice'}>
          {notice}
        </div>
      )}
      <div className={styles.grid}>
        {!editing && field('name', 'Name', textInput('name', { required: true }))}
        {field('image', 'Image', textInput('image', { placeholder: 'nginx:1.27', required: true }))}
        {registries.length > 0 && (
          <div>
            <label htmlFor={id('registryId')}>Registry login</label>
            <select id={id('registryId')} value={registryId} onChange={(event) => setRegistryId(event.target.value)}>
              <option value="">none (a public image)</option>
              {registries.map((registry) => (
                <option key={registry.id} value={registry.id}>
                  {registry.name} ({registry.address})
                </option>
              ))}
            </select>
            <FieldError message={fields.registryId} name="registryId" />
          </div>
        )}
        {!editing &&
          field(
            'mode',
            'Mode',
            <select id={id('mode')} value={state.mode} onChange={(event) => set({ mode: event.target.value === 'global' ? 'global' : 'replicated' })}>
              <option value="replicated">replicated (a number of tasks)</option>
              <option value="global">global (one task per node)</option>
            </select>,
          )}
        {state.mode === 'replicated' ? field('replicas', 'Replicas', textInput('replicas', { type: 'number', min: 0 })) : <p className="hint">Global: one task on every node that meets the constraints.</p>}
        {field('command', 'Command (optional: empty runs the default)', <CommandField id={id('command')} name="command" value={state.command} onChange={(command) => set({ command })} placeholder={`sh -c "while true; do date; sleep 5; done"`} />)}
      </div>

      <fieldset className={styles.fieldset}>
        <legend>Networks</legend>
        {choices.length === 0 ? (
          <p className="hint">No overlay network yet: create one on the Networks page.</p>
        ) : (
          <div className={styles.networks}>
            {choices.map((network) => (
              <label key={network}>
                <input
                  type="checkbox"
                  checked={state.networks.includes(network)}
                  onChange={(event) => set({ networks: event.target.checked ? [...state.networks, network] : state.networks.filter((n) => n !== network) })}
                />
                {network}
              </label>
            ))}
          </div>
        )}
        <FieldError message={fields.networks} name="networks" />
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend>Published ports</legend>
        {state.ports.map((port, index) => (
          <PortRow
            key={index}
            index={index}
            port={port}
            fields={fields}
            onChange={(patch) => set({ ports: state.ports.map((p, i) => (i === index ? { ...p, ...patch } : p)) })}
            onRemove={() => set({ ports: state.ports.filter((_, i) => i !== index) })}
          />
        ))}
        <FieldError message={fields.ports} name="ports" />
        <button type="button" className={styles.secondary} onClick={() => set({ ports: [...state.ports, { target: '', published: '', protocol: 'tcp', mode: 'ingress' }] })}>
          Add port
        </button>
        {field(
          'endpointMode',
          'Endpoint mode',
          <select id={id('endpointMode')} value={state.endpointMode} onChange={(event) => set({ endpointMode: event.target.value === 'dnsrr' ? 'dnsrr' : 'vip' })}>
            <option value="vip">vip (one virtual address, load-balanced)</option>
            <option value="dnsrr">dnsrr (DNS round robin over the tasks)</option>
          </select>,
        )}
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend>Resources</legend>
        <div className={styles.grid}>
          {field('cpuReservation', 'CPU reservation (CPUs)', textInput('cpuReservation', { type: 'number', step: '0.01', min: 0 }))}
          {field('cpuLimit', 'CPU limit (CPUs)', textInput('cpuLimit', { type: 'number', step: '0.01', min: 0 }))}
          {field('memoryReservationMb', 'Memory reservation (MB)', textInput('memoryReservationMb', { type: 'number', min: 6 }))}
          {field('memoryLimitMb', 'Memory limit (MB)', textInput('memoryLimitMb', { type: 'number', min: 6 }))}
        </div>
      </fieldset>

      {field(
        'constraints',
        'Placement constraints (one per line)',
        <textarea id={id('constraints')} rows={2} placeholder="node.role==worker" value={state.constraints} onChange={(event) => set({ constraints: event.target.value })} />,
      )}
      {Object.entries(fields)
        .filter(([path]) => path.startsWith('constraints.'))
        .map(([path, message]) => (
          <FieldError key={path} message={message} name={path} />
        ))}
      {field(
        'env',
        'Environment (NAME=value, one per line)',
        <textarea id={id('env')} rows={3} value={state.env} onChange={(event) => set({ env: event.target.value })} />,
      )}
      {Object.entries(fields)
        .filter(([path]) => path.startsWith('env.'))
        .map(([path, message]) => (
          <FieldError key={path} message={message} name={path} />
        ))}

      {attachable && (
        <>
          <AttachmentFields kind="secrets" choices={attachable.secrets} attachments={state.secrets} fields={fields} onChange={(secrets) => set({ secrets })} />
          <AttachmentFields kind="configs" choices={attachable.configs} attachments={state.configs} fields={fields} onChange={(configs) => set({ configs })} />
        </>
      )}

      <PolicyFields kind="update" policy={state.updateConfig} fields={fields} onChange={(patch) => set({ updateConfig: { ...state.updateConfig, ...patch } })} />
      <PolicyFields kind="rollback" policy={state.rollbackConfig} fields={fields} onChange={(patch) => set({ rollbackConfig: { ...state.rollbackConfig, ...patch } })} />

      <button type="submit" disabled={busy}>
        {editing ? 'Save changes' : 'Create service'}
      </button>
    </form>
  );
}

function FieldError({ message, name }: { message: string | undefined; name: string }) {
  return <FieldErrorText message={message} name={name} />;
}

function PortRow({ index, port, fields, onChange, onRemove }: { index: number; port: PortState; fields: Readonly<Record<string, string>>; onChange: (patch: Partial<PortState>) => void; onRemove: () => void }) {
  const n = index + 1;
  const errors = Object.entries(fields).filter(([path]) => path.startsWith(`ports.${index}.`) || path === `ports.${index}`);
  return (
    <>
      <div className={styles.portRow} data-testid={`port-row-${n}`}>
        <input aria-label={`Target port ${n}`} type="number" min={1} max={65535} placeholder="target (in the task)" value={port.target} onChange={(event) => onChange({ target: event.target.value })} />
        <input aria-label={`Published port ${n}`} type="number" min={1} max={65535} placeholder="published (any)" value={port.published} onChange={(event) => onChange({ published: event.target.value })} />
        <select aria-label={`Protocol ${n}`} value={port.protocol} onChange={(event) => onChange({ protocol: event.target.value === 'udp' ? 'udp' : 'tcp' })}>
          <option value="tcp">tcp</option>
          <option value="udp">udp</option>
        </select>
        <select aria-label={`Publish mode ${n}`} value={port.mode} onChange={(event) => onChange({ mode: event.target.value === 'host' ? 'host' : 'ingress' })}>
          <option value="ingress">ingress (every node)</option>
          <option value="host">host (the task&apos;s node)</option>
        </select>
        <button type="button" className="small" aria-label={`Remove port ${n}`} onClick={onRemove}>
          ×
        </button>
      </div>
      {errors.map(([path, message]) => (
        <FieldError key={path} message={message} name={path} />
      ))}
    </>
  );
}

const FAILURE_ACTIONS = { update: ['pause', 'continue', 'rollback'], rollback: ['pause', 'continue'] } as const;

/** UpdateConfig or RollbackConfig: how many tasks at a time, the pause between, what a failure does. */
function PolicyFields({ kind, policy, fields, onChange }: { kind: 'update' | 'rollback'; policy: PolicyState; fields: Readonly<Record<string, string>>; onChange: (patch: Partial<PolicyState>) => void }) {
  const prefix = useId();
  const key = `${kind}Config`;
  const title = kind === 'update' ? 'Update' : 'Rollback';
  const input = (name: keyof PolicyState, label: string, control: ReactNode) => (
    <div>
      <label htmlFor={`${prefix}-${name}`}>{`${title} ${label}`}</label>
      {control}
      <FieldError message={fields[`${key}.${name}`]} name={`${key}.${name}`} />
    </div>
  );
  const numberField = (name: 'parallelism' | 'delaySeconds' | 'monitorSeconds' | 'maxFailureRatio', label: string, step = '1') =>
    input(name, label, <input id={`${prefix}-${name}`} type="number" min={0} step={step} value={policy[name]} onChange={(event) => onChange({ [name]: event.target.value })} />);
  return (
    <fieldset className={styles.fieldset} data-testid={`${kind}-config`}>
      <legend>{title} configuration</legend>
      <div className={styles.grid3}>
        {numberField('parallelism', 'parallelism')}
        {numberField('delaySeconds', 'delay (s)', '0.1')}
        {numberField('monitorSeconds', 'monitor (s)', '0.1')}
        {input(
          'failureAction',
          'failure action',
          <select id={`${prefix}-failureAction`} value={policy.failureAction} onChange={(event) => onChange({ failureAction: event.target.value })}>
            {FAILURE_ACTIONS[kind].map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>,
        )}
        {input(
          'order',
          'order',
          <select id={`${prefix}-order`} value={policy.order} onChange={(event) => onChange({ order: event.target.value })}>
            <option value="stop-first">stop-first</option>
            <option value="start-first">start-first</option>
          </select>,
        )}
        {numberField('maxFailureRatio', 'max failure ratio', '0.05')}
      </div>
    </fieldset>
  );
}
