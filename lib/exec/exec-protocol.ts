import { z } from 'zod';

// What the browser's terminal and the console say to each other over the exec WebSocket:
// binary frames carry the terminal's bytes both ways (keystrokes in, TTY output out); text
// frames carry one JSON control message each.

/** The WebSocket path of a container's console: GET with `Upgrade: websocket`. */
export function execSocketPath(id: string): string {
  return `/api/v1/containers/${encodeURIComponent(id)}/exec`;
}

export const EXEC_PATH_PATTERN = /^\/api\/v1\/containers\/([^/]+)\/exec$/;

/** A terminal's size in character cells, as xterm.js measures it. */
export const terminalSizeSchema = z.object({
  cols: z.coerce.number().int('cols: a whole number').min(1, 'cols: at least 1').max(1000, 'cols: at most 1000'),
  rows: z.coerce.number().int('rows: a whole number').min(1, 'rows: at least 1').max(1000, 'rows: at most 1000'),
});
export type TerminalSize = z.infer<typeof terminalSizeSchema>;

/** Browser → console, as text frames. */
export const clientControlSchema = z.discriminatedUnion('type', [terminalSizeSchema.extend({ type: z.literal('resize') })]);
export type ClientControl = z.infer<typeof clientControlSchema>;

/** Console → browser, as text frames: the command ended (its exit code), or something failed. */
export type ServerControl = { type: 'exit'; exitCode: number | null } | { type: 'error'; message: string };
