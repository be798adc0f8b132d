import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import type { DockerEndpoint } from '@/lib/config/docker-endpoint';
import { engineAt } from '@/lib/docker/engine-address';

/** The manager engine the gateway forwards to (SHIPYARD_DOCKER): unix socket, TCP, or TCP with TLS. */
export interface Upstream {
  /** Where it is, for messages. */
  url: string;
  /** An HTTP request to the engine; the caller writes the body and reads the answer. */
  request(method: string, path: string, headers: http.OutgoingHttpHeaders | string[]): http.ClientRequest;
  /** A raw connection, for calls that the engine hijacks (attach, exec start). */
  connect(): net.Socket;
}

// Ordinary calls reuse idle connections to the engine (a connect per call was a round trip and a
// wake-up of the engine's accept loop each). Hijacked calls (attach, exec start with an upgrade)
// never use the pool: they get a connection of their own (connect()). A call the engine hijacks
// without an upgrade ends by closing its connection, which is then not reused.
const agentOptions = { keepAlive: true, keepAliveMsecs: 10_000, maxFreeSockets: 16 };

export function createUpstream(endpoint: DockerEndpoint): Upstream {
  if (endpoint.kind === 'unix') {
    const agent = new http.Agent(agentOptions);
    return {
      url: endpoint.url,
      request: (method, path, headers) => http.request({ socketPath: endpoint.socketPath, method, path, headers, agent }),
      connect: () => net.connect({ path: endpoint.socketPath }),
    };
  }
  const { host, port } = endpoint;
  if (!endpoint.tls) {
    const agent = new http.Agent(agentOptions);
    return {
      url: endpoint.url,
      request: (method, path, headers) => http.request({ host, port, method, path, headers, agent }),
      connect: () => net.connect({ host, port }),
    };
  }
  const credentials = {
    ca: readFileSync(endpoint.tls.caPath),
    cert: readFileSync(endpoint.tls.certPath),
    key: readFileSync(endpoint.tls.keyPath),
  };
  const agent = new https.Agent({ ...agentOptions, ...credentials });
  return {
    url: endpoint.url,
    request: (method, path, headers) => https.request({ host, port, method, path, headers, agent }),
    connect: () => tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, ...credentials }),
  };
}

/** A small JSON GET to the engine (an inspect), answered with its status and parsed body. */
export function upstreamJson(upstream: Upstream, path: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = upstream.request('GET', path, { accept: 'application/json' });
    request.setTimeout(10_000, () => request.destroy(new Error(`the Docker engine${engineAt(upstream.url)} did not answer ${path} within 10 s`)));
    request.once('error', reject);
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('error', reject);
      response.once('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: response.statusCode ?? 0, body: text === '' ? null : (JSON.parse(text) as unknown) });
        } catch {
          resolve({ status: response.statusCode ?? 0, body: text });
        }
      });
    });
    request.end();
  });
}
