'use client';

import { FieldErrorText } from '@/app/components/field-message';
import type { AttachmentState } from './service-form-state';
import styles from './swarm.module.css';

interface Props {
  readonly kind: 'secrets' | 'configs';
  /** The names that exist on the swarm. */
  readonly choices: readonly string[];
  readonly attachments: readonly AttachmentState[];
  readonly fields: Readonly<Record<string, string>>;
  readonly onChange: (attachments: AttachmentState[]) => void;
}

/** The service form's secrets (or configs): each a name, the file it becomes, its owner and mode. */
export function AttachmentFields({ kind, choices, attachments, fields, onChange }: Props) {
  const what = kind === 'secrets' ? 'Secret' : 'Config';
  const names = [...new Set([...choices, ...attachments.map((attachment) => attachment.name)])];
  const change = (index: number, patch: Partial<AttachmentState>) => onChange(attachments.map((attachment, i) => (i === index ? { ...attachment, ...patch } : attachment)));
  return (
    <fieldset className={styles.fieldset} data-testid={`service-${kind}`}>
      <legend>{kind === 'secrets' ? 'Secrets (files under /run/secrets/)' : 'Configs (files at their target path)'}</legend>
      {names.length === 0 && <p className="hint">No {kind} yet: create one on the Secrets page.</p>}
      {attachments.map((attachment, index) => {
        const n = index + 1;
        const errors = Object.entries(fields).filter(([path]) => path.startsWith(`${kind}.${index}`));
        return (
          <div key={index}>
            <div className={styles.portRow} data-testid={`${kind}-row-${n}`}>
              <select aria-label={`${what} ${n}`} value={attachment.name} onChange={(event) => change(index, { name: event.target.value })}>
                {names.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
              <input aria-label={`${what} ${n} target`} placeholder={kind === 'secrets' ? 'file name (default: its name)' : '/path (default: /name)'} value={attachment.target} onChange={(event) => change(index, { target: event.target.value })} />
              <input aria-label={`${what} ${n} uid:gid`} placeholder="uid:gid" value={`${attachment.uid}:${attachment.gid}`} onChange={(event) => {
                const [uid = '', gid = ''] = event.target.value.split(':');
                change(index, { uid, gid });
              }} />
              <input aria-label={`${what} ${n} mode`} placeholder="0444" value={attachment.mode} onChange={(event) => change(index, { mode: event.target.value })} />
              <button type="button" className="small" aria-label={`Remove ${what.toLowerCase()} ${n}`} onClick={() => onChange(attachments.filter((_, i) => i !== index))}>
                ×
              </button>
            </div>
            {errors.map(([path, message]) => (
              <FieldErrorText key={path} message={message} name={path} />
            ))}
          </div>
        );
      })}
      <FieldErrorText message={fields[kind]} name={kind} />
      {names.length > 0 && (
        <button type="button" className={styles.secondary} onClick={() => onChange([...attachments, { name: names[0] ?? '', target: '', uid: '0', gid: '0', mode: '0444' }])}>
          Add {what.toLowerCase()}
        </button>
      )}
    </fieldset>
  );
}
