import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { renderError, type RenderedError } from '@/lib/errors/render-error';
import { StatusError } from '@/lib/errors/status-error';
import { engineAt, hideSocketPaths } from '@/lib/docker/engine-address';
import { rawJsonResponse } from '@/lib/http/raw-http-response';

/** A call the gateway answers itself: the docker CLI prints `message` ("Error response from daemon: …"). */
export class GatewayRefusal extends StatusError {
  constructor(status: number, message: string, retryAfterSeconds?: number) {
    super(status, 'GATEWAY_REFUSED', message, retryAfterSeconds);
  }
}

/** Any error as the gateway's answer (the console's one error path), with the gateway's words for an unexpected one. */
export function gatewayAnswer(error: unknown): RenderedError {
  return renderError(error, { where: 'the Docker gateway', internalMessage: "Shipyard's Docker gateway failed on this call: see the console server log" });
}

function answerOf(refusal: GatewayRefusal | RenderedError): RenderedError {
  return refusal instanceof GatewayRefusal ? gatewayAnswer(refusal) : refusal;
}

/** Docker's error shape, which the docker CLI prints: {"message": …}. */
function dockerBody(answer: RenderedError): string {
  return JSON.stringify({ message: answer.body.error.message });
}

export function writeRefusal(response: ServerResponse, refusal: GatewayRefusal | RenderedError): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const answer = answerOf(refusal);
  const body = dockerBody(answer);
  // Connection: close, so an unread request body (an image load without a token) is not read on.
  response.writeHead(answer.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
    ...answer.headers,
  });
  response.end(body);
}

/** The same answer on a connection that asked for an upgrade, before anything was forwarded. */
export function writeRawRefusal(socket: Duplex, refusal: GatewayRefusal | RenderedError): void {
  const answer = answerOf(refusal);
  socket.end(rawJsonResponse(answer.status, dockerBody(answer), answer.headers));
}

/** The engine could not answer a check: unchecked is refused, and the engine's socket path is never shown. */
export function uncheckedRefusal(upstreamUrl: string, error: unknown): GatewayRefusal {
  if (error instanceof GatewayRefusal) return error;
  const detail = hideSocketPaths(error instanceof Error ? error.message : String(error));
  return new GatewayRefusal(502, `Shipyard could not check this call with the Docker engine${engineAt(upstreamUrl)}: ${detail}`);
}
