import http, { type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RenderedError } from '@/lib/errors/render-error';
import { resolveClientAddress, socketAddress } from '@/lib/http/client-address';
import { admitCall } from './admit-call';
import { applyPolicy, policyReadsBody } from './apply-policy';
import { auditCall, type CallRecord } from './call-audit';
import type { GatewayContext } from './gateway-context';
import { forwardCreate } from './forward-create';
import { isMultiEngine, onEngine } from './gateway-engines';
import { assertBodyAllowed } from './inspect-body';
import { answerMergedImages } from './merged-images';
import { answerMergedList } from './merged-list';
import { answerPullEverywhere } from './pull-everywhere';
import { forwardRequest } from './proxy-request';
import { bridgeUpgrade, readUpgradeBody } from './proxy-upgrade';
import { readJsonBody, readRawBody } from './read-body';
import { gatewayAnswer, writeRawRefusal, writeRefusal } from './refusal';

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

/** Audits a call: journaled at once, in the database shortly after (the journal's writer waits for it). */
function recordCall(context: GatewayContext, record: CallRecord): void {
  auditCall(context.journal, record);
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
 * The Docker Engine API, as the docker CLI speaks it, in front of the cluster's engines: each call
 * is authenticated by API token, checked against the allow-list and the host-escaping rules,
 * routed (a create placed on a host, a container's calls to its host, the list merged, the rest
 * to the manager), checked by the policy on that engine, forwarded as a stream (hijacked for
 * attach and exec), and audited.
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
        const url = request.url ?? '/';
        const call = await admitCall(context, record.method, url, request.headers, record);
        if (call.route.kind === 'list' && isMultiEngine(context)) {
          record.status = await answerMergedList(context, context.engines, call.user, record.method, url, call.path.route, response);
        } else if (call.route.kind === 'image-list' && isMultiEngine(context)) {
          record.status = await answerMergedImages(context, context.engines, call.user, record.method, url, call.path.route, response);
        } else if (call.route.kind === 'pull' && isMultiEngine(context)) {
          record.status = await answerPullEverywhere(context, context.engines, call.user, url, call.path.route, request, response);
        } else if (call.match.rule.body === 'container-create') {
          const created = await forwardCreate(context, call, url, request, response);
          record.status = created.status;
          if (created.host !== null) record.host = created.host;
        } else {
          // On the engine that holds the container or exec (the manager for anything else).
          const routed = onEngine(context, call.target);
          if (call.target?.handle.identity) record.host = call.target.handle.identity.host;
          let held: Buffer | null = null;
          if (call.match.rule.body) {
            const body = await readJsonBody(request);
            await assertBodyAllowed(routed, call.user, call.match.rule.body, body.json);
            held = body.raw;
          } else if (policyReadsBody(call.user, record.method, call.path.route)) held = await readRawBody(request);
          const forward = await applyPolicy(routed, call.user, record.method, url, call.path.route, held);
          record.status = await forwardRequest(routed.upstream, request, response, forward);
          if (call.target && record.method !== 'GET') call.target.handle.inventory.invalidate();
        }
      } catch (error) {
        writeRefusal(response, noteRefusal(record, error));
      }
      recordCall(context, record);
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
        const url = request.url ?? '/';
        const call = await admitCall(context, record.method, url, request.headers, record);
        // Only calls the engine hijacks get here (admitCall refuses an upgrade anywhere else); their
        // body is read by its length, and nothing after it is forwarded as a request.
        const { body, early } = await readUpgradeBody(socket, request.headers, head);
        const routed = onEngine(context, call.target);
        if (call.target?.handle.identity) record.host = call.target.handle.identity.host;
        const forward = await applyPolicy(routed, call.user, record.method, url, call.path.route, body);
        record.status = await bridgeUpgrade(routed.upstream, request, socket, { ...forward, body: forward.body ?? body }, early);
        record.durationMs = Date.now() - opened;
      } catch (error) {
        writeRawRefusal(socket, noteRefusal(record, error));
      }
      recordCall(context, record);
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
