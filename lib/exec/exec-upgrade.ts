import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { recordAudit } from '@/lib/audit/record-audit';
import { authenticateUpgrade } from '@/lib/auth/authenticate-upgrade';
import { createTokenFailureGate } from '@/lib/auth/token-rate-limit';
import { userCaller } from '@/lib/docker/engine-request';
import { AppError, ConflictError } from '@/lib/errors/app-error';
import { clientAddress } from '@/lib/http/client-address';
import type { UpgradeRoute } from '@/lib/server/upgrade-dispatch';
import type { DatabaseHandle } from '@/prisma-free-db';
import { audited } from '@/lib/audit/audited';
import type { Actor, ContainerContext } from '@/lib/engines/context';
import { bridgeExec } from './exec-bridge';
import { EXEC_PATH_PATTERN, type ServerControl } from './exec-protocol';
import { commandWords, createExecSession, execRequestSchema, type ExecSession } from './exec-session';
import { targetOf } from '@/lib/containers/lifecycle';
import { assertReference, locateContainer } from '@/lib/engines/locate';

/** Where the exec console finds its database, engines and the session cookie's secret (the process's services, or a test's). */
export interface ExecUpgradeDependencies {
  database: () => Promise<DatabaseHandle>;
  context: () => ContainerContext;
  secret: () => string;
}

// Keystrokes and resize messages are small; a paste of a few pages fits.
const MAX_FRAME_BYTES = 1024 * 1024;

/** The container's id or name from the path, as Docker accepts them. */
function referenceIn(pathname: string): string {
  const encoded = EXEC_PATH_PATTERN.exec(pathname)?.[1] ?? '';
  let reference: string;
  try {
    reference = decodeURIComponent(encoded);
  } catch {
    throw new AppError('BAD_REQUEST', `"${encoded}" is not a container id or name`);
  }
  assertReference(reference);
  return reference;
}

function headersOf(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  return headers;
}

/**
 * GET /api/v1/containers/{id}/exec?command=sh&host=&cols=&rows= with Upgrade: websocket — an
 * interactive command in a running container. Refused before the upgrade, as HTTP answers:
 * no credentials 401; a viewer, a read-only token or a cross-site page 403; a bad query 422;
 * no such container 404; a container not running 409. Each session is audited when it starts
 * (container.exec: who, container, command; or why it failed) and when it ends
 * (container.exec.end: exit code, duration).
 */
export function execUpgradeRoute(dependencies: ExecUpgradeDependencies): UpgradeRoute {
  const server = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const tokenGate = createTokenFailureGate(dependencies.database);
  return {
    async handle(request, socket, head) {
      const url = new URL(request.url ?? '/', 'http://upgrade.invalid');
      const headers = headersOf(request);
      const database = await dependencies.database();
      const user = await authenticateUpgrade(headers, 'containers:write', { database, secret: dependencies.secret(), tokenGate });
      const reference = referenceIn(url.pathname);
      const query = execRequestSchema.parse(Object.fromEntries(url.searchParams));
      const located = await locateContainer({ ...dependencies.context(), caller: userCaller(user) }, reference, query.host);
      const target = targetOf(located);
      if (located.inspect.State?.Status !== 'running') {
        throw new ConflictError(`${target} is ${located.inspect.State?.Status ?? 'not running'}: start it to open a console`);
      }
      const actor: Actor = { username: user.username, role: user.role, address: clientAddress(headers), database };
      const details = { command: query.command, host: located.engine.identity.host };
      const size = query.cols !== undefined && query.rows !== undefined ? { cols: query.cols, rows: query.rows } : undefined;
      // Created before the upgrade, as the user: a refusal (the engine's, or the policy's for a
      // container that has the host) is the HTTP answer and no socket opens.
      const created = await audited(actor, { action: 'container.exec', target, details }, () =>
        createExecSession(located.engine.client.as(userCaller(actor)), located.inspect.Id, commandWords(query.command)),
      );
      // A handshake ws refuses (bad key or version) gets its 400 from ws and no callback: the socket just closes.
      const ws = await new Promise<WebSocket | null>((resolve) => {
        socket.once('close', () => resolve(null));
        server.handleUpgrade(request, socket, head, (accepted) => {
          // Keystrokes typed before the exec has started wait in the socket: bridgeExec resumes it.
          accepted.pause();
          resolve(accepted);
        });
      });
      if (!ws) return;
      let session: ExecSession;
      try {
        session = await created.start(size);
      } catch (error) {
        const message: ServerControl = { type: 'error', message: error instanceof Error ? error.message : String(error) };
        ws.send(JSON.stringify(message));
        ws.close(1011, 'the exec did not start');
        await recordAudit(database, { actor: user.username, action: 'container.exec.end', target, outcome: 'failure', address: actor.address, details: { ...details, exec: created.id.slice(0, 12), endedBy: 'error' } });
        return;
      }
      const outcome = await bridgeExec(ws, session);
      await recordAudit(database, {
        actor: user.username,
        action: 'container.exec.end',
        target,
        outcome: outcome.endedBy === 'error' ? 'failure' : 'success',
        address: actor.address,
        details: { ...details, exec: session.id.slice(0, 12), endedBy: outcome.endedBy, exitCode: outcome.exitCode ?? 'none', seconds: outcome.seconds },
      });
    },
    close() {
      for (const client of server.clients) client.close(1001, 'the console is shutting down');
      server.close();
    },
  };
}
