'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { CommandField } from '@/app/components/command-field';
import { FieldMessage } from '@/app/components/field-message';
import { ErrorBox } from '@/app/components/error-box';
import type { ContainerSummary } from '@/lib/containers/container-summary';
import { splitCommandWords } from '@/lib/command-line/command-words';
import type { EngineInfo } from '@/lib/engines/engines';
import type { PlacementStrategy } from '@/lib/placement/strategy';

/** The host picker's value: any host by a strategy, or one named host. */
function placementOf(value: string): { host?: string; strategy?: PlacementStrategy } {
  if (value === 'any:spread' || value === 'any:binpack') return { strategy: value === 'any:spread' ? 'spread' : 'binpack' };
  return value.startsWith('host:') ? { host: value.slice('host:'.length) } : {};
}
import { naturallySorted } from '@/lib/format/natural-sort';

const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
const optionalNumber = (text: string) => (text.trim() === '' ? undefined : Number(text));
const optionalText = (text: string) => (text.trim() === '' ? undefined : text.trim());

/** "8080:80/tcp" or "80" → the API's port object; what does not parse is sent as is, for the server's message. */
function port(spec: string): Record<string, unknown> {
  const [ports = '', protocol] = spec.split('/');
  const parts = ports.split(':');
  const containerPort = Number(parts[parts.length - 1]);
  const hostPort = parts.length > 1 ? Number(parts[parts.length - 2]) : undefined;
  return { containerPort, ...(hostPort !== undefined ? { hostPort } : {}), ...(protocol ? { protocol } : {}) };
}

/** "data:/var/lib/data[:ro]" → the API's volume object. */
function volume(spec: string): Record<string, unknown> {
  const [source = '', target = '', mode] = spec.split(':');
  return { source, target, readOnly: mode === 'ro' };
}

function toBody(form: FormData, isAdmin: boolean, command: string[]): Record<string, unknown> {
  const text = (name: string) => String(form.get(name) ?? '');
  const labels = Object.fromEntries(lines(text('labels')).map((line) => [line.split('=')[0] ?? '', line.split('=').slice(1).join('=')]));
  return {
    image: text('image').trim(),
    name: optionalText(text('name')),
    command: command.length === 0 ? undefined : command,
    env: lines(text('env')),
    ports: lines(text('ports')).map(port),
    volumes: lines(text('volumes')).map(volume),
    restartPolicy: text('restartPolicy'),
    labels,
    network: optionalText(text('network')),
    ipv4Address: optionalText(text('ipv4Address')),
    cpus: optionalNumber(text('cpus')),
    cpuset: optionalText(text('cpuset')),
    memoryMb: optionalNumber(text('memoryMb')),
    cores: optionalNumber(text('cores')),
    ...placementOf(text('host')),
    ...(isAdmin ? { privileged: form.get('privileged') === 'on' } : {}),
  };
}

export function CreateContainerForm({
  engines,
  flatNetwork,
  isAdmin,
  strategy,
}: {
  engines: EngineInfo[];
  flatNetwork: string | null;
  isAdmin: boolean;
  /** The console's default strategy (SHIPYARD_PLACEMENT_STRATEGY), preselected. */
  strategy: PlacementStrategy;
}) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [command, setCommand] = useState('');
  const hosts = naturallySorted(engines, (engine) => engine.host);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The same splitter as the preview under the field: an open quote never reaches the server.
    const words = splitCommandWords(command);
    if (!words.ok) {
      setErrors({ command: words.problem });
      setFailure('Fix the fields marked below.');
      return;
    }
    setPending(true);
    setFailure(null);
    const answer = await api.post<{ container: ContainerSummary }>('/api/v1/containers', toBody(new FormData(event.currentTarget), isAdmin, words.words)).catch(ApiError.from);
    setPending(false);
    if (!(answer instanceof ApiError)) {
      router.push(`/containers/${answer.container.id}?host=${encodeURIComponent(answer.container.host)}`);
      return;
    }
    // No host fits: the message says why, one line per host; nothing to fix in one field.
    if (answer.status === 409 && answer.fieldErrors.every((field) => field.path === 'host')) {
      setErrors({});
      setFailure(answer.message);
      return;
    }
    // One message per form field: "ports.0.containerPort" belongs to the ports box.
    const byField: Record<string, string> = {};
    for (const field of answer.fieldErrors) byField[field.path.split('.')[0] ?? field.path] ??= field.message;
    setErrors(byField);
    setFailure(Object.keys(byField).length > 0 ? 'Fix the fields marked below.' : answer.message);
  }

  const field = (name: string, label: string, input: React.ReactNode, hint?: string) => (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {input}
      {hint && <div className="hint">{hint}</div>}
      <FieldMessage name={name} fields={errors} />
    </div>
  );

  return (
    <form className="form wide" onSubmit={submit} noValidate>
      <ErrorBox message={failure} testId="create-error" />
      {field('image', 'Image', <input id="image" name="image" required placeholder="busybox:latest" />)}
      {field('name', 'Name', <input id="name" name="name" placeholder="optional" />)}
      {field('command', 'Command', <CommandField id="command" name="command" value={command} onChange={setCommand} placeholder={`sh -c "while true; do date; sleep 5; done"`} />, 'Split as a shell would: quote a word with spaces, nothing is expanded')}
      {field('host', 'Host', (
        <select id="host" name="host" defaultValue={`any:${strategy}`}>
          <option value="any:spread">Any host (spread: the least loaded)</option>
          <option value="any:binpack">Any host (binpack: the fullest that fits)</option>
          {hosts.map((engine) => (
            <option key={engine.url} value={`host:${engine.host}`}>
              {engine.host} ({engine.cpus} cores){engine.unsafe ? ' — plain TCP, unsafe' : ''}
            </option>
          ))}
        </select>
      ), 'Any host: the console picks one that is up, has the image and the network, meets the constraints (constraint:node==h2 in Environment) and has the cores and memory free')}
      {field('network', 'Network', <input id="network" name="network" defaultValue={flatNetwork ?? ''} placeholder="bridge" />, flatNetwork ? `Default: the flat network ${flatNetwork}` : 'Default: Docker’s bridge')}
      {field('ipv4Address', 'Fixed IPv4 address', <input id="ipv4Address" name="ipv4Address" placeholder="optional, from the flat network’s range" />)}
      {field('cpus', 'CPU cores', <input id="cpus" name="cpus" inputMode="decimal" placeholder="e.g. 0.5 or 2" />)}
      {field('cores', 'Exclusive cores', <input id="cores" name="cores" inputMode="numeric" placeholder="e.g. 2" />, 'Whole cores for this container alone: the console picks them and pins it there')}
      {field('cpuset', 'Cpuset (cores)', <input id="cpuset" name="cpuset" placeholder="e.g. 0 or 0-1,3" />)}
      {field('memoryMb', 'Memory limit (MiB)', <input id="memoryMb" name="memoryMb" inputMode="numeric" placeholder="e.g. 256" />)}
      {field('restartPolicy', 'Restart policy', (
        <select id="restartPolicy" name="restartPolicy" defaultValue="no">
          {['no', 'always', 'unless-stopped', 'on-failure'].map((policy) => (
            <option key={policy}>{policy}</option>
          ))}
        </select>
      ))}
      {field('env', 'Environment', <textarea id="env" name="env" rows={3} placeholder="NAME=value, one a line" />, 'Placement rules too, as classic swarm took them: constraint:node==h2, constraint:engine.labels.zone==a, affinity:container==web')}
      {field('ports', 'Ports', <textarea id="ports" name="ports" rows={2} placeholder="8080:80/tcp, one a line" />)}
      {field('volumes', 'Volumes', <textarea id="volumes" name="volumes" rows={2} placeholder="data:/var/lib/data[:ro], one a line" />, isAdmin ? 'A source starting with / is a host bind mount' : 'Named volumes; host bind mounts are for admins')}
      {field('labels', 'Labels', <textarea id="labels" name="labels" rows={2} placeholder="key=value, one a line" />)}
      {isAdmin && (
        <div className="field checkbox">
          <label>
            <input type="checkbox" name="privileged" /> Privileged (gives the container the host)
          </label>
          <FieldMessage name="privileged" fields={errors} />
        </div>
      )}
      <button type="submit" disabled={pending}>
        {pending ? 'Creating…' : 'Create and start'}
      </button>
    </form>
  );
}
