'use client';

import { ArgvList } from '@/app/components/argv-list';
import { splitCommandWords } from '@/lib/command-line/command-words';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { execSocketPath, type ServerControl } from '@/lib/exec/exec-protocol';

type Status = 'idle' | 'connecting' | 'open' | 'closed';

/**
 * An interactive shell in the container: xterm.js over a WebSocket to a Docker exec. Keystrokes
 * go as binary frames; each fit of the terminal to its box sends its size as a resize message.
 */
export function ConsolePanel({ id, host }: { id: string; host: string }) {
  const [command, setCommand] = useState('sh');
  const [status, setStatus] = useState<Status>('idle');
  const [notice, setNotice] = useState<string | null>(null);
  // Each Connect opens a new session; 0 is none yet.
  const [session, setSession] = useState(0);
  const [running, setRunning] = useState<string>('sh');
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (session === 0) return;
    let disposed = false;
    const cleanups: (() => void)[] = [];
    setStatus('connecting');
    setNotice(null);
    (async () => {
      // xterm.js touches the DOM when loaded: only ever in the browser.
      const [{ Terminal }, { FitAddon }] = await Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit')]);
      if (disposed || !box.current) return;
      const terminal = new Terminal({ cursorBlink: true, fontSize: 13, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', scrollback: 2000 });
      const fit = new FitAddon();
      terminal.loadAddon(fit);
      terminal.open(box.current);
      fit.fit();
      cleanups.push(() => terminal.dispose());

      const query = new URLSearchParams({ host, command: running, cols: String(terminal.cols), rows: String(terminal.rows) });
      const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
      const socket = new WebSocket(`${scheme}//${window.location.host}${execSocketPath(id)}?${query}`);
      socket.binaryType = 'arraybuffer';
      cleanups.push(() => socket.close());
      let ended = false;

      const encoder = new TextEncoder();
      const sendResize = ({ cols, rows }: { cols: number; rows: number }) => {
        if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'resize', cols, rows }));
      };
      terminal.onData((data) => {
        if (socket.readyState === WebSocket.OPEN) socket.send(encoder.encode(data));
      });
      terminal.onResize(sendResize);
      const observer = new ResizeObserver(() => fit.fit());
      observer.observe(box.current);
      cleanups.push(() => observer.disconnect());

      socket.onopen = () => {
        setStatus('open');
        sendResize(terminal);
        terminal.focus();
      };
      socket.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
        if (typeof event.data !== 'string') {
          terminal.write(new Uint8Array(event.data));
          return;
        }
        const control = JSON.parse(event.data) as ServerControl;
        if (control.type === 'exit') {
          ended = true;
          setNotice(`The command exited${control.exitCode === null ? '' : ` with code ${control.exitCode}`}.`);
        } else {
          setNotice(control.message);
        }
      };
      socket.onclose = (event) => {
        setStatus('closed');
        if (!ended && event.code !== 1000) {
          // A refused handshake (no permission, container stopped) reaches the browser only as 1006.
          setNotice((previous) => previous ?? 'The console connection closed: the container may have stopped, or your session ended. Reload the page to check.');
        }
      };
    })().catch((reason: unknown) => {
      if (!disposed) {
        setStatus('closed');
        setNotice(reason instanceof Error ? reason.message : String(reason));
      }
    });
    return () => {
      disposed = true;
      for (const cleanup of cleanups.reverse()) cleanup();
    };
  }, [session, id, host, running]);

  // The same splitter as the server's (and every command field): an open quote is said here at once.
  const split = splitCommandWords(command);
  const connect = () => {
    if (!split.ok) return;
    setRunning(command.trim() || 'sh');
    setSession((previous) => previous + 1);
  };
  const disconnect = () => setSession(0);
  const active = status === 'connecting' || status === 'open';

  return (
    <section className="card" data-testid="console">
      <h2>Console</h2>
      <form
        className="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          connect();
        }}
      >
        <label>
          Command <input aria-label="Console command" value={command} onChange={(event) => setCommand(event.target.value)} disabled={active} maxLength={1024} />
        </label>
        {split.ok ? (
          split.words.length > 1 && (
            <span className="muted" data-testid="console-command-words">
              runs <ArgvList words={split.words} />
            </span>
          )
        ) : (
          <span className="failure" role="alert" data-testid="console-command-problem">
            {split.problem}
          </span>
        )}
        {active ? (
          <button type="button" onClick={disconnect}>
            Disconnect
          </button>
        ) : (
          <button type="submit">{status === 'idle' ? 'Connect' : 'Reconnect'}</button>
        )}
        <span className="muted" data-testid="console-status">
          {status === 'idle' ? 'not connected' : status}
        </span>
      </form>
      {notice && (
        <p className="muted" role="status" data-testid="console-notice">
          {notice}
        </p>
      )}
      {session !== 0 && <div ref={box} data-testid="console-terminal" style={{ height: '22rem', background: '#000', padding: '0.25rem' }} />}
    </section>
  );
}
