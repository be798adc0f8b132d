'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/app/components/api/api-client';
import { ApiError } from '@/app/components/api/api-error';
import { ConfirmedDeleteButton } from '@/app/components/confirmed-delete-button';
import { apiPath } from '@/app/components/api/api-path';
import { FormFailure } from '@/app/components/form-failure';
import type { StackDeployResult } from '@/lib/stacks/stack-mutations';
import type { ServiceChange } from '@/lib/stacks/stack-diff';
import type { StackVersion } from '@/prisma-free-db';
import type { JsonOf } from '@/app/components/api/json-of';

const FORM_STYLE = { marginTop: '1.5rem', maxWidth: 900 };
const EDITOR_STYLE = { width: '100%', fontFamily: 'monospace' };

/** The compose file's text area, with an upload that fills it (the file never leaves the browser otherwise). */
function ComposeFields({ compose, setCompose, env, setEnv }: { compose: string; setCompose: (text: string) => void; env: string; setEnv: (text: string) => void }) {
  return (
    <>
      <label htmlFor="composeFile">Compose file (version 3 / compose spec)</label>
      <textarea id="composeFile" name="composeFile" rows={16} style={EDITOR_STYLE} value={compose} onChange={(event) => setCompose(event.target.value)} placeholder={'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      replicas: 2'} />
      <label htmlFor="composeUpload">…or upload it</label>
      <input id="composeUpload" type="file" accept=".yml,.yaml,text/yaml" onChange={async (event) => setCompose((await event.target.files?.[0]?.text()) ?? compose)} />
      <label htmlFor="envFile">Env file (optional: KEY=VALUE lines for the file&apos;s ${'{VAR}'}s)</label>
      <textarea id="envFile" name="envFile" rows={3} style={EDITOR_STYLE} value={env} onChange={(event) => setEnv(event.target.value)} />
      <label htmlFor="envUpload">…or upload it</label>
      <input id="envUpload" type="file" onChange={async (event) => setEnv((await event.target.files?.[0]?.text()) ?? env)} />
    </>
  );
}

/** Given files, by name: the contents of the files the compose file's secrets/configs read (`file: ./db_password.txt`). */
type GivenFiles = Record<string, string>;

/**
 * The files a compose file's secrets and configs name: uploaded here, sent with the deploy only
 * (to Docker), never shown again. Matched by path as written in the file, or by base name.
 */
function GivenFilesField({ files, setFiles }: { files: GivenFiles; setFiles: (files: GivenFiles) => void }) {
  const names = Object.keys(files);
  return (
    <>
      <label htmlFor="secretFiles">Files for the stack&apos;s secrets and configs (optional: those its file: entries name; sent to Docker only, never stored)</label>
      <input
        id="secretFiles"
        type="file"
        multiple
        onChange={async (event) => {
          const chosen = [...(event.target.files ?? [])];
          const read = await Promise.all(chosen.map(async (file) => [file.name, await file.text()] as const));
          setFiles({ ...files, ...Object.fromEntries(read) });
        }}
      />
      {names.length > 0 && (
        <p data-testid="given-files">
          Given: {names.join(', ')}{' '}
          <button type="button" className="small" onClick={() => setFiles({})}>
            Forget them
          </button>
        </p>
      )}
    </>
  );
}

const withFiles = (files: GivenFiles) => (Object.keys(files).length > 0 ? { files } : {});

export function DeployStackForm() {
  const router = useRouter();
  const [name, setName] = useState('');
  const [compose, setCompose] = useState('');
  const [env, setEnv] = useState('');
  const [files, setFiles] = useState<GivenFiles>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="form"
      style={FORM_STYLE}
      data-testid="deploy-stack-form"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        const body = { name: name.trim(), composeFile: compose, ...(env.trim() ? { envFile: env } : {}), ...withFiles(files) };
        const result = await api.post<{ stack: JsonOf<StackDeployResult> }>('/api/v1/stacks', body).then((answer) => answer, ApiError.from);
        setBusy(false);
        if (result instanceof ApiError) return setError(result.message);
        router.push(`/stacks/${encodeURIComponent(result.stack.name)}`);
      }}
    >
      <h2>Deploy a stack</h2>
      <label htmlFor="stackName">Stack name</label>
      <input id="stackName" name="name" value={name} onChange={(event) => setName(event.target.value)} placeholder="shop" required />
      <ComposeFields compose={compose} setCompose={setCompose} env={env} setEnv={setEnv} />
      <GivenFilesField files={files} setFiles={setFiles} />
      <button type="submit" disabled={busy}>
        {busy ? 'Deploying…' : 'Deploy'}
      </button>
      <FormFailure message={error} testId="deploy-stack-error" />
    </form>
  );
}

function DiffView({ changes }: { changes: readonly JsonOf<ServiceChange>[] }) {
  return (
    <div data-testid="stack-diff">
      {changes.map((change) => (
        <section key={change.service} data-testid={`diff-${change.service}`}>
          <h3>
            {change.service}: {change.change === 'unchanged' ? 'no change' : change.change === 'create' ? 'created' : change.change === 'remove' ? 'removed' : 'updated'}
          </h3>
          {change.change !== 'unchanged' && (
            <pre style={{ maxHeight: 360, overflow: 'auto' }}>
              {change.lines.map((line, index) => (
                <div key={index} className={`diff-${line.kind}`} style={{ background: line.kind === 'added' ? '#e6ffec' : line.kind === 'removed' ? '#ffebe9' : undefined, color: line.kind === 'same' ? '#555' : '#111' }}>
                  {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '- ' : '  '}
                  {line.text}
                </div>
              ))}
            </pre>
          )}
        </section>
      ))}
    </div>
  );
}

/** Edit the file, see the diff of the resulting service specs, then apply it. */
export function UpdateStackForm({ name, composeFile, envFile }: { name: string; composeFile: string; envFile: string }) {
  const router = useRouter();
  const [compose, setCompose] = useState(composeFile);
  const [env, setEnv] = useState(envFile);
  const [files, setFiles] = useState<GivenFiles>({});
  const [changes, setChanges] = useState<JsonOf<ServiceChange>[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const body = () => ({ composeFile: compose, ...(env.trim() ? { envFile: env } : {}), ...withFiles(files) });
  return (
    <form
      className="form"
      style={FORM_STYLE}
      data-testid="update-stack-form"
      onSubmit={async (event) => {
        event.preventDefault();
        setMessage(null);
        const result = await api.put<{ stack: JsonOf<StackDeployResult> }>(apiPath`/api/v1/stacks/${name}`, body()).then((answer) => answer, ApiError.from);
        if (result instanceof ApiError) return setError(result.message);
        setError(null);
        setChanges(null);
        setMessage(`Version ${result.stack.version} deployed: ${result.stack.created.length} created, ${result.stack.updated.length} updated, ${result.stack.removed.length} removed`);
        router.refresh();
      }}
    >
      <h2>Update the stack</h2>
      <ComposeFields
        compose={compose}
        setCompose={(text) => {
          setCompose(text);
          setChanges(null);
        }}
        env={env}
        setEnv={(text) => {
          setEnv(text);
          setChanges(null);
        }}
      />
      <GivenFilesField files={files} setFiles={setFiles} />
      <button
        type="button"
        onClick={async () => {
          const result = await api.post<{ changes: JsonOf<ServiceChange>[] }>(apiPath`/api/v1/stacks/${name}/preview`, body()).then((answer) => answer, ApiError.from);
          if (result instanceof ApiError) return setError(result.message);
          setError(null);
          setChanges(result.changes);
        }}
      >
        Preview changes
      </button>{' '}
      <button type="submit" disabled={changes === null} title={changes === null ? 'Preview the changes first' : undefined}>
        Apply
      </button>
      {changes && <DiffView changes={changes} />}
      <FormFailure message={error} testId="update-stack-error" />
      {message && (
        <p role="status" data-testid="update-stack-done">
          {message}
        </p>
      )}
    </form>
  );
}

export function RemoveStackButton({ name }: { name: string }) {
  return (
    <ConfirmedDeleteButton question={`Remove the stack ${name}: its services and the networks it created?`} path={apiPath`/api/v1/stacks/${name}`} errorTestId="remove-stack-error" goTo="/stacks">
      Remove stack {name}
    </ConfirmedDeleteButton>
  );
}

/** Shows one version's file (fetched when asked). */
export function VersionFile({ name, version }: { name: string; version: number }) {
  const [file, setFile] = useState<(JsonOf<Pick<StackVersion, 'composeFile' | 'envFile'>> & { envFileHidden?: boolean; envFileAbsence?: string; givenFiles?: string[] }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="small"
        onClick={async () => {
          if (file) return setFile(null);
          const result = await api.get<{ version: JsonOf<StackVersion> & { envFileHidden?: boolean; envFileAbsence?: string; givenFiles?: string[] } }>(apiPath`/api/v1/stacks/${name}/versions/${version}`).then((answer) => answer, ApiError.from);
          if (result instanceof ApiError) return setError(result.message);
          setFile(result.version);
        }}
      >
        {file ? 'Hide' : 'Show'} file of version {version}
      </button>
      {file && (
        <pre data-testid={`version-file-${version}`} style={{ maxHeight: 320, overflow: 'auto' }}>
          {file.composeFile}
          {file.envFile ? `\n# env file\n${file.envFile}` : ''}
          {file.envFileHidden ? '\n# (an env file was given: only accounts that may deploy stacks see it)' : ''}
          {file.envFileAbsence === 'not-stored' ? '\n# (an env file was given but not stored: the console had no SHIPYARD_REGISTRY_KEY to seal it with)' : ''}
          {file.envFileAbsence === 'key-missing' ? '\n# (the env file is stored sealed, but the console has no SHIPYARD_REGISTRY_KEY to open it)' : ''}
          {file.givenFiles && file.givenFiles.length > 0 ? `\n# files given for secrets/configs (contents not kept): ${file.givenFiles.join(', ')}` : ''}
        </pre>
      )}
      <FormFailure message={error} />
    </>
  );
}
