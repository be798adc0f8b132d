import http, { type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RenderedError } from '@/lib/errors/render-error';
import { resolveClientAddress, socketAddress } from '@/lib/http/client-address';
import { admitCall } from './admit-call';
import { auditCall, type CallRecord } from './call-audit';
import type { GatewayContext } from './gateway-context';
import { assertBodyAllowed } from './inspect-body';
import { forwardRequest } from './proxy-request';
import { bridgeUpgrade } from './proxy-upgrade';
import { readJsonBody } from './read-body';
import { gatewayAnswer, GatewayRefusal, writeRawRefusal, writeRefusal } from './refusal';

function newRecord(request: IncomingMessage, trustProxy: number): CallRecord {
  return {
    actor: null,
    method: request.method ?? 'GET',
    path: (request.url ?? '/').split('?', 1)[0] ?? '/',
    target: null,
    address: resolveClientAddress(socketAddress(request.socket.remoteAddress), request.headers['x-forwarded-for'], trustProxy),
    requires: null,
    status: 0,
    refusal: null,
  };
}

/** Audits a call; a call refused before any token check still waits for the migrated database. */
async function recordCall(context: GatewayContext, record: CallRecord): Promise<void> {
  await context.databaseReady().catch(() => undefined); // recordAudit logs the failure itself
  await auditCall(context.database, record);
}

/** The answer to a failed call, noted in the call's audit record. */
function noteRefusal(record: CallRecord, error: unknown): RenderedError {
  const answer = gatewayAnswer(error);
  record.status = answer.status;
  record.refusal = answer.body.error.message;
  record.rateLimited = answer.status === 429;
  return answer;
}

/**
 * The Docker Engine API, as the docker CLI speaks it, in front of the manager engine: each call
 * is authenticated by API token, checked against the allow-list and the host-escaping rules,
 * forwarded as a stream (hijacked for attach and exec), and audited.
 */
export interface GatewayServer {
  server: http.Server;
  /** Ends every connection, hijacked ones too (the HTTP server no longer tracks those). */
  closeAllConnections(): void;
}

export function createGatewayServer(context: GatewayContext): GatewayServer {
  // No request timeout: an image load or a followed log may take as long as it takes.
  const server = http.createServer({ requestTimeout: 0 });
  const hijacked = new Set<Duplex>();

  server.on('request', (request: IncomingMessage, response: http.ServerResponse) => {
    const record = newRecord(request, context.trustProxy);
    void (async () => {
      try {
        const call = await admitCall(context, record.method, request.url ?? '/', request.headers, record);
        let held: Buffer | null = null;
        if (call.match.rule.body) {
          const body = await readJsonBody(request);
          await assertBodyAllowed(context, call.user, call.match.rule.body, body.json);
          held = body.raw;
        }
        record.status = await forwardRequest(context.upstream, request, response, held);
      } catch (error) {
        writeRefusal(response, noteRefusal(record, error));
      }
      await recordCall(context, record);
    })();
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const record = newRecord(request, context.trustProxy);
    const opened = Date.now();
    socket.on('error', () => undefined); // a caller hanging up mid-stream is not the gateway's error
    hijacked.add(socket);
    socket.once('close', () => hijacked.delete(socket));
    void (async () => {
      try {
        const call = await admitCall(context, record.method, request.url ?? '/', request.headers, record);
        // A body the gateway must read is never let through a hijacked connection unread.
        if (call.match.rule.body) throw new GatewayRefusal(400, `${record.method} ${call.path.route} takes no connection upgrade`);
        record.status = await bridgeUpgrade(context.upstream, request, socket, head);
        record.durationMs = Date.now() - opened;
      } catch (error) {
        writeRawRefusal(socket, noteRefusal(record, error));
      }
      await recordCall(context, record);
    })();
  });
  return {
    server,
    closeAllConnections() {
      server.closeAllConnections();
      for (const socket of hijacked) socket.destroy();
    },
  };
}
