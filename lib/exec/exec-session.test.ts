import { describe, expect, it } from 'vitest';
import { clientControlSchema } from './exec-protocol';
import { commandWords, execRequestSchema, hangUpScript } from './exec-session';

describe('the exec request', () => {
  it('defaults to sh, keeps any one-line command, and reads a terminal size', () => {
    expect(execRequestSchema.parse({})).toEqual({ command: 'sh' });
    expect(execRequestSchema.parse({ command: '  ' })).toEqual({ command: 'sh' });
    expect(execRequestSchema.parse({ command: 'bash -l', host: 'h1', cols: '120', rows: '40' })).toEqual({ command: 'bash -l', host: 'h1', cols: 120, rows: 40 });
    expect(commandWords(' sh  -c   ls ')).toEqual(['sh', '-c', 'ls']);
    expect(commandWords(`sh -c 'echo "a  b"; ls -l'`)).toEqual(['sh', '-c', 'echo "a  b"; ls -l']);
  });

  it('refuses control characters, a huge command, half a size and sizes out of range, saying what to fix', () => {
    const messages = (input: Record<string, string>) => {
      const result = execRequestSchema.safeParse(input);
      return result.success ? [] : result.error.issues.map((issue) => issue.message);
    };
    expect(messages({ command: 'sh\nrm -rf /' })).toEqual(['command: one line without control characters']);
    expect(messages({ command: 'x'.repeat(1025) })).toEqual(['command: at most 1024 characters']);
    expect(messages({ command: `sh -c 'ls` })).toEqual([expect.stringMatching(/^command: a single quote is not closed/)]);
    expect(messages({ cols: '80' })).toEqual(['give both cols and rows, or neither']);
    expect(messages({ cols: '0', rows: '5000' })).toEqual(['cols: at least 1', 'rows: at most 1000']);
    expect(messages({ cols: 'wide', rows: '24' })).toHaveLength(1);
  });

  it('reads resize control messages and nothing else', () => {
    expect(clientControlSchema.parse({ type: 'resize', cols: 100, rows: 30 })).toEqual({ type: 'resize', cols: 100, rows: 30 });
    expect(clientControlSchema.safeParse({ type: 'resize', cols: 100 }).success).toBe(false);
    expect(clientControlSchema.safeParse({ type: 'signal', name: 'KILL' }).success).toBe(false);
  });

  it('hangs up only the processes that carry the session tag', () => {
    const script = hangUpScript('abc123');
    expect(script).toContain('*SHIPYARD_EXEC=abc123*) kill -HUP "${p#/proc/}"');
  });
});
