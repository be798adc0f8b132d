// gRPC over Node's own HTTP/2 to one etcd member: a request is a 5-byte frame header and a
// message, the answer's status comes in its trailers. One session per member, opened on first use
// and again after it closes (etcd restarted, a GOAWAY), so a call after an outage reconnects.
import { type ClientHttp2Session, type ClientHttp2Stream, type IncomingHttpHeaders, connect, constants } from 'node:http2';

/** gRPC status codes this client tells apart (https://grpc.github.io/grpc/core/md_doc_statuscodes.html). */
export const GrpcStatus = { OK: 0, DEADLINE_EXCEEDED: 4, UNAVAILABLE: 14, UNAUTHENTICATED: 16, INVALID_ARGUMENT: 3 } as const;

/** A call that ended without an answer: `code` is gRPC's status, `details` etcd's words (or the socket's). */
export class GrpcCallError extends Error {
  constructor(
    readonly code: number,
    readonly details: string,
  ) {
    super(`${code} ${grpcStatusName(code)}: ${details}`);
    this.name = 'GrpcCallError';
  }
}

function grpcStatusName(code: number): string {
  const entry = Object.entries(GrpcStatus).find(([, value]) => value === code);
  return entry ? entry[0] : 'UNKNOWN';
}

export interface EndpointTls {
  /** PEM; undefined: the system's CAs. */
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
}

function statusOf(headers: IncomingHttpHeaders): { code: number; details: string } | undefined {
  const status = headers['grpc-status'];
  if (status === undefined) return undefined;
  const raw = headers['grpc-message'];
  const message = Array.isArray(raw) ? raw.join(', ') : (raw ?? '');
  let details = message;
  try {
    details = decodeURIComponent(message);
  } catch {
    // Not percent-encoded after all: keep it as sent.
  }
  return { code: Number(status), details };
}

/** The first message of a gRPC answer's body (etcd never compresses). */
function firstMessage(body: Buffer): Buffer {
  if (body.length < 5) throw new GrpcCallError(GrpcStatus.UNAVAILABLE, 'etcd answered without a message');
  const length = body.readUInt32BE(1);
  if (body.length < 5 + length) throw new GrpcCallError(GrpcStatus.UNAVAILABLE, 'etcd answered with a truncated message');
  return body.subarray(5, 5 + length);
}

function frame(message: Buffer): Buffer {
  const header = Buffer.allocUnsafe(5);
  header.writeUInt8(0, 0);
  header.writeUInt32BE(message.length, 1);
  return Buffer.concat([header, message], 5 + message.length);
}

export class GrpcEndpoint {
  private session: ClientHttp2Session | undefined;
  private closed = false;

  constructor(
    /** http://host:port or https://host:port, as given in the settings. */
    readonly url: string,
    private readonly tls: EndpointTls | undefined,
  ) {}

  private open(): ClientHttp2Session {
    const current = this.session;
    if (current && !current.closed && !current.destroyed) return current;
    const secure = this.url.startsWith('https://');
    const session = connect(this.url, secure ? { ca: this.tls?.ca, cert: this.tls?.cert, key: this.tls?.key, ALPNProtocols: ['h2'] } : {});
    const forget = () => {
      if (this.session === session) this.session = undefined;
    };
    // Every failure also reaches the streams that were open; the session is only forgotten here.
    session.on('error', forget);
    session.on('goaway', () => {
      forget();
      session.close();
    });
    session.on('close', forget);
    // An idle connection must not keep a command-line process alive; a call's timer does while it runs.
    session.unref();
    this.session = session;
    return session;
  }

  /**
   * One request message, one answer message: unary calls, and a keep-alive (a client stream of
   * one message, half-closed at once: etcd answers it, then ends the call).
   */
  call(path: string, message: Buffer, metadata: Readonly<Record<string, string>>, timeoutMs: number): Promise<Buffer> {
    if (this.closed) return Promise.reject(new GrpcCallError(GrpcStatus.UNAVAILABLE, 'the etcd client was closed'));
    return new Promise<Buffer>((resolve, reject) => {
      let stream: ClientHttp2Stream;
      try {
        stream = this.open().request(
          {
            [constants.HTTP2_HEADER_METHOD]: 'POST',
            [constants.HTTP2_HEADER_PATH]: path,
            'content-type': 'application/grpc',
            te: 'trailers',
            'grpc-timeout': `${Math.max(1, Math.ceil(timeoutMs))}m`,
            ...metadata,
          },
          { endStream: false },
        );
      } catch (error) {
        reject(new GrpcCallError(GrpcStatus.UNAVAILABLE, error instanceof Error ? error.message : String(error)));
        return;
      }
      const chunks: Buffer[] = [];
      let status: { code: number; details: string } | undefined;
      let httpStatus = 0;
      let settled = false;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      const timer = setTimeout(() => {
        finish(() => reject(new GrpcCallError(GrpcStatus.DEADLINE_EXCEEDED, `no answer within ${timeoutMs} ms`)));
        stream.close(constants.NGHTTP2_CANCEL);
      }, timeoutMs);
      stream.on('response', (headers) => {
        httpStatus = Number(headers[constants.HTTP2_HEADER_STATUS] ?? 0);
        // A "trailers-only" answer (an error before any message) has its status here.
        status ??= statusOf(headers);
      });
      stream.on('trailers', (trailers) => {
        status = statusOf(trailers) ?? status;
      });
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error: Error) => finish(() => reject(new GrpcCallError(GrpcStatus.UNAVAILABLE, error.message))));
      stream.on('close', () =>
        finish(() => {
          if (status === undefined) {
            const why = httpStatus && httpStatus !== 200 ? `HTTP status ${httpStatus}` : 'the connection closed before etcd answered';
            reject(new GrpcCallError(GrpcStatus.UNAVAILABLE, why));
            return;
          }
          if (status.code !== GrpcStatus.OK) {
            reject(new GrpcCallError(status.code, status.details));
            return;
          }
          try {
            resolve(firstMessage(Buffer.concat(chunks)));
          } catch (error) {
            reject(error);
          }
        }),
      );
      stream.end(frame(message));
    });
  }

  close(): void {
    this.closed = true;
    this.session?.close();
    this.session = undefined;
  }
}
