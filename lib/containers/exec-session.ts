import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { z } from 'zod';
import { translateDockerError } from '@/lib/docker/docker-errors';
import { splitCommandWords } from './command-words';
import type { Engine } from './engines';
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

/**
 * Creates a Docker exec with a TTY and stdin and starts it hijacked. The streaming client
 * carries the connection (no request timeout: a console may stay idle for long); the short
 * calls (create, resize, inspect) use the ordinary client.
 */
export async function startExecSession(engine: Engine, containerId: string, words: string[], size?: TerminalSize): Promise<ExecSession> {
  try {
    const tag = randomBytes(12).toString('hex');
    const container = engine.docker.getContainer(containerId);
    const created = await container.exec({
      Cmd: words,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
      Env: ['TERM=xterm-256color', `SHIPYARD_EXEC=${tag}`],
    });
    const stream = await engine.streaming.getExec(created.id).start({ hijack: true, stdin: true, Tty: true });
    const exec = engine.docker.getExec(created.id);
    const session: ExecSession = {
      id: created.id,
      stream,
      async resize({ cols, rows }) {
        try {
          await exec.resize({ h: rows, w: cols });
        } catch (error) {
          throw translateDockerError(error, engine.url);
        }
      },
      async exitCode() {
        try {
          const info = await exec.inspect();
          return info.Running ? null : info.ExitCode;
        } catch {
          return null;
        }
      },
      async hangUp() {
        try {
          if (!(await exec.inspect()).Running) return;
          const killer = await container.exec({ Cmd: ['sh', '-c', hangUpScript(tag)], AttachStdout: false, AttachStderr: false });
          await killer.start({ Detach: true });
        } catch (error) {
          console.error(`exec ${created.id.slice(0, 12)}: could not hang up:`, translateDockerError(error, engine.url).message);
        }
      },
    };
    // A first size the engine refuses is not worth failing the session for: the next fit sends it again.
    if (size) await session.resize(size).catch(() => undefined);
    return session;
  } catch (error) {
    throw translateDockerError(error, engine.url);
  }
}
