import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PolicyForward } from './apply-policy';
import { requestHeadersForEngine, responseHeadersForCaller } from './forwarded-headers';
import { GatewayRefusal, writeRefusal } from './refusal';
import type { Upstream } from './upstream';
import { engineAt, hideSocketPaths } from '@/lib/docker/engine-address';

/** How long an answer may stay silent before its headers go to the caller alone. */
const HEADERS_ALONE_AFTER_MS = 15;

/**
 * Forwards one call to the engine at `forwardUrl` (the admitted path, version pinned) and streams the answer back as it comes (followed logs,
 * events, pulls), ending the engine's side when the caller goes away. Resolves with the status
 * the caller got once the exchange is over.
 */
export function forwardRequest(
  upstream: Upstream,
  request: IncomingMessage,
  response: ServerResponse,
  forward: PolicyForward,
  /** Also given the whole answer once it ended (a create's few bytes: its container id). */
  onAnswerBody?: (body: Buffer) => void,
): Promise<number> {
  const heldBody = forward.body;
  return new Promise((resolve) => {
    const method = request.method ?? 'GET';
    const outgoing = upstream.request(method, forward.url, requestHeadersForEngine(request.rawHeaders, heldBody, forward.contentType));
    let status = 0;
    const finish = () => resolve(status);

    outgoing.once('error', (error) => {
      if (!response.headersSent) {
        status = 502;
        writeRefusal(response, new GatewayRefusal(502, `The Docker engine${engineAt(upstream.url)} does not answer: ${hideSocketPaths(error.message)}`));
      } else response.destroy();
      finish();
    });
    outgoing.once('response', (answer) => {
      status = answer.statusCode ?? 502;
      response.writeHead(status, answer.statusMessage, responseHeadersForCaller(answer.rawHeaders));
      // Streams (logs -f, events, wait) may stay silent for long: the caller must see the headers
      // soon. An answer with a body sends them with its first bytes, in one write (the caller
      // wakes once, not twice); a silent one gets them on their own after a moment.
      const silent = setTimeout(() => response.flushHeaders(), HEADERS_ALONE_AFTER_MS);
      const spoke = () => clearTimeout(silent);
      answer.once('data', spoke);
      answer.once('end', spoke);
      answer.once('close', spoke);
      if (onAnswerBody) {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.once('end', () => onAnswerBody(Buffer.concat(chunks)));
      }
      answer.pipe(response);
      answer.once('error', () => response.destroy());
      response.once('close', () => {
        answer.destroy();
        finish();
      });
    });
    // The caller hung up before the answer ended: stop the engine's side too.
    response.once('close', () => {
      if (!response.writableFinished) outgoing.destroy();
      if (status === 0) finish();
    });

    if (heldBody !== null) outgoing.end(heldBody);
    else request.pipe(outgoing);
  });
}
