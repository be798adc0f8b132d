import http, { type IncomingHttpHeaders } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RawOptions {
  method?: string;
  headers?: Record<string, string>;
  /** Another loopback address to connect from (127.0.0.2…): another caller, as the console's limits see it. */
  localAddress?: string;
  /** Ask for a WebSocket: Connection: Upgrade, as a browser's handshake does. */
  upgrade?: boolean;
}

const WEBSOCKET_HANDSHAKE = { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'c2hpcHlhcmQtc2VjdXJpdHk=' };

/** One request over a fresh connection; an accepted upgrade answers 101 and is closed at once. */
export function rawRequest(url: string, { method = 'GET', headers = {}, localAddress, upgrade = false }: RawOptions = {}): Promise<RawAnswer> {
  // A mutation carries an empty JSON object, as the spec's other requests do, with its length.
  const body = method === 'GET' || method === 'HEAD' ? null : '{}';
  const framing = body === null ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, localAddress, agent: false, headers: { ...(upgrade ? WEBSOCKET_HANDSHAKE : {}), ...framing, ...headers } });
    request.once('upgrade', (response, socket) => {
      socket.destroy();
      resolve({ status: response.statusCode ?? 0, headers: response.headers, body: '' });
    });
    request.once('response', (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.once('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.once('error', reject);
    request.end(body ?? undefined);
  });
}
