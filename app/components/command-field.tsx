'use client';

import { splitCommandWords } from '@/lib/command-line/command-words';
import { ArgvList } from './argv-list';

interface Props {
  readonly id: string;
  readonly name: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly placeholder?: string;
}

/**
 * A command typed as a shell line (quotes and backslashes as in sh, nothing expanded), with the
 * words it becomes shown under it as they will run; an open quote is said at once.
 */
export function CommandField({ id, name, value, onChange, placeholder }: Props) {
  const split = splitCommandWords(value);
  return (
    <>
      <input id={id} name={name} value={value} onChange={(event) => onChange(event.target.value)} placeholder={placeholder} spellCheck={false} autoComplete="off" />
      {value.trim() !== '' &&
        (split.ok ? (
          <div className="hint" data-testid={`${name}-words`}>
            Runs as {split.words.length} word{split.words.length === 1 ? '' : 's'}: <ArgvList words={split.words} />
          </div>
        ) : (
          <div className="hint failure" data-testid={`${name}-words-problem`}>
            {split.problem}
          </div>
        ))}
    </>
  );
}
