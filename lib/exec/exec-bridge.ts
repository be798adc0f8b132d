import { WebSocket, type RawData } from 'ws';
import { clientControlSchema, type ServerControl } from './exec-protocol';
import type { ExecSession } from './exec-session';

/** How a console session ended: the command exited (with its code), the browser left, or the connection broke. */
export interface BridgeOutcome {
  endedBy: 'command' | 'client' | 'error';
  exitCode: number | null;
  seconds: number;
}

// Proxies drop idle connections; a ping every 30 s keeps an idle console open and finds a dead peer.
const HEARTBEAT_MS = 30_000;
const HIGH_WATER_BYTES = 4 * 1024 * 1024;
const LOW_WATER_BYTES = 256 * 1024;

function bytesOf(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? Buffer.from(data) : data;
}

/** The exit code, once Docker has noted it: the stream may end a moment before the exec is marked done. */
async function settledExitCode(session: ExecSession): Promise<number | null> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const code = await session.exitCode();
    if (code !== null) return code;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}

function sendControl(socket: WebSocket, message: ServerControl): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

/**
 * Pipes a WebSocket and an exec's TTY both ways until either side goes away, then closes the
 * other: binary frames are keystrokes, text frames JSON control messages (resize). When the
 * command exits the browser hears its exit code before the close (1000); when the browser
 * leaves, the exec's connection is closed, which hangs up its terminal.
 */
export function bridgeExec(socket: WebSocket, session: ExecSession): Promise<BridgeOutcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    let finished = false;
    let alive = true;
    const heartbeat = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, HEARTBEAT_MS);

    const finish = async (endedBy: BridgeOutcome['endedBy']): Promise<void> => {
      if (finished) return;
      finished = true;
      clearInterval(heartbeat);
      if (endedBy !== 'command') await session.hangUp();
      session.stream.destroy();
      const exitCode = endedBy === 'client' ? null : await settledExitCode(session);
      if (endedBy === 'command') sendControl(socket, { type: 'exit', exitCode });
      if (socket.readyState === WebSocket.OPEN) socket.close(1000, endedBy === 'command' ? 'the command exited' : 'the exec connection broke');
      resolve({ endedBy, exitCode, seconds: Math.round((Date.now() - started) / 1000) });
    };

    // A browser slower than the command's output: stop reading the exec until the socket drains.
    session.stream.on('data', (chunk: Buffer) => {
      if (socket.readyState !== WebSocket.OPEN) return;
      socket.send(chunk, { binary: true }, () => {
        if (session.stream.isPaused() && socket.bufferedAmount < LOW_WATER_BYTES) session.stream.resume();
      });
      if (socket.bufferedAmount > HIGH_WATER_BYTES) session.stream.pause();
    });
    session.stream.on('end', () => void finish('command'));
    session.stream.on('close', () => void finish('command'));
    session.stream.on('error', () => void finish('error'));

    socket.on('pong', () => (alive = true));
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        if (!session.stream.destroyed) session.stream.write(bytesOf(data));
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(bytesOf(data).toString('utf8'));
      } catch {
        parsed = null;
      }
      const control = clientControlSchema.safeParse(parsed);
      if (!control.success) {
        sendControl(socket, { type: 'error', message: 'Text frames are control messages: {"type":"resize","cols":80,"rows":24}; send keystrokes as binary frames' });
        return;
      }
      session.resize(control.data).catch((error: unknown) => {
        sendControl(socket, { type: 'error', message: error instanceof Error ? error.message : String(error) });
      });
    });
    socket.on('close', () => void finish('client'));
    socket.on('error', () => void finish('error'));
    if (socket.readyState !== WebSocket.OPEN) void finish('client'); // gone while the exec was starting
    else socket.resume();
  });
}
