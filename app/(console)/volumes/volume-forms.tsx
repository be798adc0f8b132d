'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { ConfirmedDeleteButton } from '@/app/components/confirmed-delete-button';
import { apiPath } from '@/app/components/api/api-path';
import { FieldsForm } from '@/app/components/fields-form';
import { NameOptions } from '@/app/components/name-options';
import { formatBytes } from '@/lib/format/format-bytes';
import type { PruneResult } from '@/lib/volumes/volume-actions';
import type { VolumeView } from '@/lib/volumes/volume-view';

const FORM_STYLE = { marginTop: '1.5rem', maxWidth: 560 };

/** Remove one volume from its host; in use, the API's 409 names the containers. */
export function RemoveVolumeButton({ name, host, users }: { name: string; host: string; users: readonly string[] }) {
  const warning = users.length > 0 ? ` It is in use by ${users.join(', ')}: Docker will refuse until they are removed.` : '';
  return (
    <ConfirmedDeleteButton
      question={`Remove the volume ${name} from ${host}? Its data is deleted.${warning}`}
      path={apiPath`/api/v1/volumes/${name}`}
      query={{ host }}
      ariaLabel={`Remove ${name}`}
      errorTestId={`remove-volume-error-${name}`}
    >
      Remove
    </ConfirmedDeleteButton>
  );
}

/** Prune a host's unused volumes: first the list of what would go, then a confirmation. */
export function PruneVolumes({ host }: { host: string }) {
  const router = useRouter();
  const [label, setLabel] = useState('');
  const [preview, setPreview] = useState<readonly VolumeView[] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const query = { host, ...(label.trim() ? { label: label.trim() } : {}) };
  const body = { host, ...(label.trim() ? { label: label.trim() } : {}) };
  return (
    <div className="form" style={FORM_STYLE} data-testid={`prune-${host}`}>
      <label htmlFor={`prune-label-${host}`}>Prune unused volumes on {host}, only those with the label (optional, key or key=value)</label>
      <input id={`prune-label-${host}`} value={label} onChange={(event) => { setLabel(event.target.value); setPreview(null); }} placeholder="com.example.team=web" />
      <button
        type="button"
        onClick={async () => {
          setMessage(null);
          const answer = await api.get<{ volumes: VolumeView[] }>('/api/v1/volumes/prune', { query }).catch(ApiError.from);
          if (answer instanceof ApiError) setMessage({ ok: false, text: answer.message });
          else setPreview(answer.volumes);
        }}
      >
        Show what a prune removes
      </button>
      {preview && (
        <div data-testid={`prune-preview-${host}`}>
          {preview.length === 0 ? (
            <p className="hint">No unused volumes{label.trim() ? ' with that label' : ''}: nothing to prune.</p>
          ) : (
            <>
              <p>
                These {preview.length} unused volumes (no container mounts them, named ones included) will be deleted with their data:
              </p>
              <ul>
                {preview.map((volume) => (
                  <li key={volume.name}>{volume.name}</li>
                ))}
              </ul>
              <button
                type="button"
                className="danger"
                onClick={async () => {
                  const answer = await api.post<{ result: PruneResult }>('/api/v1/volumes/prune', body).catch(ApiError.from);
                  setPreview(null);
                  if (answer instanceof ApiError) setMessage({ ok: false, text: answer.message });
                  else {
                    setMessage({ ok: true, text: `Removed ${answer.result.removed.length} volumes (${answer.result.removed.join(', ') || 'none'}), ${formatBytes(answer.result.spaceReclaimed)} reclaimed` });
                    router.refresh();
                  }
                }}
              >
                Prune {preview.length} volumes on {host}
              </button>
            </>
          )}
        </div>
      )}
      {message && (
        <div className={message.ok ? 'ok' : 'error-box'} role="status" data-testid={`prune-result-${host}`}>
          {message.text}
        </div>
      )}
    </div>
  );
}

/** Create a volume on one host; admins may give the local driver's type, device and o. */
export function CreateVolumeForm({ hosts, driverOptions }: { hosts: readonly string[]; driverOptions: boolean }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <FieldsForm
      className="form"
      style={FORM_STYLE}
      data-testid="create-volume-form"
      onFields={async (data) => {
        const options = Object.fromEntries((['type', 'device', 'o'] as const).map((key) => [key, data[`option-${key}`]?.trim() ?? '']).filter(([, value]) => value !== ''));
        const labels = Object.fromEntries(
          (data.labels ?? '')
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean)
            .map((line) => [line.split('=')[0] ?? line, line.includes('=') ? line.slice(line.indexOf('=') + 1) : '']),
        );
        const name = data.name?.trim() ?? '';
        const body = { name, host: data.host ?? '', driver: 'local', labels, ...(Object.keys(options).length > 0 ? { driverOptions: options } : {}) };
        const failure = await api.post('/api/v1/volumes', body).then(() => null, ApiError.from);
        setMessage(failure ? { ok: false, text: failure.message } : { ok: true, text: `Volume ${name} created on ${body.host}` });
        if (!failure) router.refresh();
      }}
    >
      <h2>Create a volume</h2>
      {message && (
        <div className={message.ok ? 'ok' : 'error-box'} role="status" data-testid="create-volume-result">
          {message.text}
        </div>
      )}
      <label htmlFor="volume-name">Name</label>
      <input id="volume-name" name="name" required />
      <label htmlFor="volume-host">Host</label>
      <select id="volume-host" name="host">
        <NameOptions names={[...hosts]} />
      </select>
      <label htmlFor="volume-driver">Driver</label>
      <select id="volume-driver" name="driver" disabled>
        <option value="local">local</option>
      </select>
      <label htmlFor="volume-labels">Labels (key=value, one per line)</label>
      <textarea id="volume-labels" name="labels" rows={2} />
      {driverOptions && (
        <fieldset>
          <legend>Local driver options (admins: they reach the host, e.g. type=none, o=bind, device=/srv/data)</legend>
          <label htmlFor="volume-option-type">type</label>
          <input id="volume-option-type" name="option-type" placeholder="none, tmpfs, nfs" />
          <label htmlFor="volume-option-device">device</label>
          <input id="volume-option-device" name="option-device" />
          <label htmlFor="volume-option-o">o</label>
          <input id="volume-option-o" name="option-o" placeholder="bind" />
        </fieldset>
      )}
      <button type="submit">Create volume</button>
    </FieldsForm>
  );
}
