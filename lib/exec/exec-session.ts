import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { z } from 'zod';
import type { EngineClient } from '@/lib/docker/engine-client';
import { splitCommandWords } from '@/lib/command-line/command-words';
import { terminalSizeSchema, type TerminalSize } from './exec-protocol';

// Any command may run (the shell can run anything anyway); it is checked for shape only.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** The query of an exec WebSocket: the command (default `sh`), the engine's host, the first terminal size. */
export const execRequestSchema = z
  .object({
    command: z
      .string()
      .trim()
      .max(1024, 'command: at most 1024 characters')
      .refine((value) => !CONTROL_CHARACTERS.test(value), 'command: one line without control characters')
      .transform((value) => (value === '' ? 'sh' : value))
      .superRefine((value, context) => {
        const split = splitCommandWords(value);
        if (!split.ok) context.addIssue({ code: 'custom', message: `command: ${split.problem}` });
      })
      .default('sh'),
    host: z.string().trim().min(1).max(253).optional(),
    cols: terminalSizeSchema.shape.cols.optional(),
    rows: terminalSizeSchema.shape.rows.optional(),
  })
  .refine((value) => (value.cols === undefined) === (value.rows === undefined), { message: 'give both cols and rows, or neither', path: ['cols'] });
export type ExecRequest = z.infer<typeof execRequestSchema>;

/** The command's words, quoted as a shell quotes them (the schema has already refused a line that cannot be split). */
export function commandWords(command: string): string[] {
  const split = splitCommandWords(command);
  return split.ok ? split.words : [];
}

/** One interactive command in a container: its TTY as a byte stream, resizable, with an exit code at the end. */
export interface ExecSession {
  id: string;
  /** The hijacked connection: write keystrokes, read the TTY's output (raw, not multiplexed: Tty is on). */
  stream: Duplex;
  resize(size: TerminalSize): Promise<void>;
  /** The command's exit code once it has ended; null while it still runs (or Docker forgot it). */
  exitCode(): Promise<number | null>;
  /** Ends the command and what it started, as closing a terminal does (SIGHUP). */
  hangUp(): Promise<void>;
}

/**
 * Docker does not hang up a TTY exec when its connection closes (moby#9098): the shell and what
 * it runs would stay in the container. Every process of the session carries the session's tag in
 * its environment; this script, run by a second exec, sends each of them SIGHUP. Containers
 * without a shell keep the processes (the engine offers no other way to signal an exec).
 */
export function hangUpScript(tag: string): string {
  return `for p in /proc/[0-9]*; do case "$(cat "$p/environ" 2>/dev/null)" in *SHIPYARD_EXEC=${tag}*) kill -HUP "\${p#/proc/}" 2>/dev/null;; esac; done`;
}

/** An exec created and not started yet: the engine (and its request gate) has accepted it. */
export interface CreatedExec {
  readonly id: string;
  /** Starts it hijacked and sends the first terminal size. */
  start(size?: TerminalSize): Promise<ExecSession>;
}

/**
 * Creates a Docker exec with a TTY and stdin, as the client's caller, without starting it: the
 * exec WebSocket creates it before the upgrade, so that a refusal (the policy's, for a container
 * that has the host) is the HTTP answer and no socket opens. The client's streaming variant
 * carries the started connection (no request timeout: a console may stay idle for long); the
 * short calls (create, resize, inspect) have the ordinary timeout.
 */
export async function createExecSession(client: EngineClient, containerId: string, words: string[]): Promise<CreatedExec> {
  const tag = randomBytes(12).toString('hex');
  const created = await client.createExec(containerId, {
    Cmd: words,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    Env: ['TERM=xterm-256color', `SHIPYARD_EXEC=${tag}`],
  });
  return { id: created.id, start: (size) => startCreatedExec(client, containerId, created, tag, size) };
}

/** Creates and starts an exec session (createExecSession, then start). */
export async function startExecSession(client: EngineClient, containerId: string, words: string[], size?: TerminalSize): Promise<ExecSession> {
  return (await createExecSession(client, containerId, words)).start(size);
}

async function startCreatedExec(client: EngineClient, containerId: string, created: { id: string }, tag: string, size?: TerminalSize): Promise<ExecSession> {
  const stream = await client.startExecAttached(created.id);
  const session: ExecSession = {
    id: created.id,
    stream,
    async resize({ cols, rows }) {
      await client.resizeExec(created.id, { rows, cols });
    },
    async exitCode() {
      try {
        const info = await client.inspectExec(created.id);
        return info.Running ? null : info.ExitCode;
      } catch {
        return null;
      }
    },
    async hangUp() {
      try {
        if (!(await client.inspectExec(created.id)).Running) return;
        const killer = await client.createExec(containerId, { Cmd: ['sh', '-c', hangUpScript(tag)], AttachStdout: false, AttachStderr: false });
        await client.startExecDetached(killer.id);
      } catch (error) {
        console.error(`exec ${created.id.slice(0, 12)}: could not hang up:`, error instanceof Error ? error.message : String(error));
      }
    },
  };
  // A first size the engine refuses is not worth failing the session for: the next fit sends it again.
  if (size) await session.resize(size).catch(() => undefined);
  return session;
}
