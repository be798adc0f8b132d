// The request gate at the Docker boundary, against an engine address nothing listens on: what the
// gate sees is the request docker-modem would send, and a refusal means nothing is sent at all.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { EngineClient, asEngineError } from './engine-client';
import { type EngineCaller, type EngineRequest, allowEveryRequest, setEngineRequestGate, systemCaller } from './engine-request';

const endpoint = { kind: 'tcp' as const, url: 'tcp://127.0.0.1:1', host: '127.0.0.1', port: 1, tls: null };

function recordingGate(refuse = false) {
  const seen: { request: EngineRequest; caller: EngineCaller }[] = [];
  const gate = vi.fn(function gate(request: EngineRequest, caller: EngineCaller): undefined {
    seen.push({ request, caller });
    if (refuse) throw new AppError('FORBIDDEN', `not ${request.method} ${request.path}`);
    return undefined;
  });
  return { gate, seen };
}

afterEach(() => setEngineRequestGate(allowEveryRequest));

describe('the engine request gate', () => {
  it('sees each request as sent (method, path with its query, JSON body) with the caller of the view that made it', async () => {
    const { gate, seen } = recordingGate();
    const client = EngineClient.connect(endpoint, { gate });
    const bea = client.as({ username: 'bea', role: 'operator' });
    // Nothing listens at the address: the gate allowed it, so the call failed on the connection.
    await expect(bea.createContainer({ name: 'web', Image: 'busybox' })).rejects.toMatchObject({ code: 'DOCKER_UNAVAILABLE' });
    await expect(client.listContainers({ all: true, filters: { label: ['a=b'] } })).rejects.toMatchObject({ code: 'DOCKER_UNAVAILABLE' });
    await expect(bea.containerAction('abc', 'stop', { t: 3 })).rejects.toMatchObject({ code: 'DOCKER_UNAVAILABLE' });
    expect(seen).toEqual([
      {
        request: {
          engine: 'tcp://127.0.0.1:1',
          method: 'POST',
          // The name in the query, the rest in the body (dockerode alone would copy every field into both).
          path: '/containers/create?name=web',
          query: { name: 'web' },
          body: { Image: 'busybox' },
          hijack: false,
          upload: false,
        },
        caller: { username: 'bea', role: 'operator' },
      },
      {
        request: {
          engine: 'tcp://127.0.0.1:1',
          method: 'GET',
          path: `/containers/json?all=true&filters=${encodeURIComponent('{"label":["a=b"]}')}`,
          query: { all: true, filters: { label: ['a=b'] } },
          body: undefined,
          hijack: false,
          upload: false,
        },
        caller: { system: 'console' },
      },
      expect.objectContaining({ request: expect.objectContaining({ method: 'POST', path: '/containers/abc/stop?t=3' }), caller: { username: 'bea', role: 'operator' } }),
    ]);
  });

  it('sends nothing the gate refuses: the refusal is the error, as the gate threw it', async () => {
    const { gate } = recordingGate(true);
    const client = EngineClient.connect(endpoint, { gate }).as(systemCaller('engine-discovery'));
    const refusal = await client.removeContainer('abc', { force: true }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    // volumes was not given, and docker-modem still sends an empty v=: the gate sees exactly that.
    expect(refusal).toMatchObject({ code: 'FORBIDDEN', message: 'not DELETE /containers/abc?force=true&v=' });
    expect(gate).toHaveBeenCalledWith(expect.objectContaining({ method: 'DELETE' }), { system: 'engine-discovery' }, expect.any(Function));
  });

  it('applies the gate plugged in with setEngineRequestGate to clients made before, streams included', async () => {
    const client = EngineClient.connect(endpoint);
    const { gate, seen } = recordingGate(true);
    setEngineRequestGate(gate);
    await expect(client.as({ username: 'ann', role: 'viewer' }).followContainerLogs('abc', { stdout: true, stderr: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(client.containerEvents()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(seen.map(({ request, caller }) => [request.path.split('?')[0], caller])).toEqual([
      ['/containers/abc/logs', { username: 'ann', role: 'viewer' }],
      ['/events', { system: 'console' }],
    ]);
  });

  it('keeps only the name and role of a user caller, and shares the engine between views', () => {
    const client = EngineClient.connect(endpoint);
    const view = client.as({ username: 'bea', role: 'admin', password: 'never' } as { username: string; role: 'admin' });
    expect(view.caller).toEqual({ username: 'bea', role: 'admin' });
    expect(view.url).toBe(client.url);
    expect(view.endpoint).toBe(client.endpoint);
  });
});

/** An engine stand-in that records what reaches it and answers every request with `{ "Id": "made" }`. */
async function recordingEngine() {
  const received: { method: string; url: string; body: string; contentType: string | undefined }[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', body, contentType: request.headers['content-type'] });
      response.writeHead(request.url?.includes('/json') ? 404 : 201, { 'content-type': 'application/json' });
      response.end(request.url?.includes('/json') ? '{"message":"no such container"}' : '{"Id":"made"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { received, endpoint: { kind: 'tcp' as const, url: `tcp://127.0.0.1:${port}`, host: '127.0.0.1', port, tls: null }, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('a gate that returns the request to send', () => {
  it('sends its path and body (what it checked), not what dockerode built; its look-ups pass no gate', async () => {
    const engine = await recordingEngine();
    try {
      const lookups: { status: number; body: unknown }[] = [];
      const gate = vi.fn(async (request: EngineRequest, _caller: EngineCaller, lookup: (path: string) => Promise<{ status: number; body: unknown }>) => {
        lookups.push(await lookup('/v1.41/containers/web/json'));
        return request.method === 'POST' ? { path: '/v1.41/containers/create?name=checked', body: { Image: 'busybox', HostConfig: { NetworkMode: 'abc123full' } } } : undefined;
      });
      const client = EngineClient.connect(engine.endpoint, { gate }).as({ username: 'bea', role: 'operator' });
      await expect(client.createContainer({ name: 'web', Image: 'busybox', HostConfig: { NetworkMode: 'flat' } })).resolves.toEqual({ id: 'made' });
      // The look-up reached the engine without passing the gate again (one gate call per request).
      expect(gate).toHaveBeenCalledTimes(1);
      expect(lookups).toEqual([{ status: 404, body: { message: 'no such container' } }]);
      expect(engine.received).toEqual([
        { method: 'GET', url: '/v1.41/containers/web/json', body: '', contentType: undefined },
        { method: 'POST', url: '/v1.41/containers/create?name=checked', body: '{"Image":"busybox","HostConfig":{"NetworkMode":"abc123full"}}', contentType: 'application/json' },
      ]);
    } finally {
      await engine.close();
    }
  });

  it('sends no body when the checked request has none, even where dockerode would send its options', async () => {
    const engine = await recordingEngine();
    try {
      const gate = () => ({ path: '/v1.41/containers/0123abcd/stop?t=3', body: undefined });
      const client = EngineClient.connect(engine.endpoint, { gate }).as({ username: 'bea', role: 'operator' });
      await client.containerAction('web', 'stop', { t: 3 }).catch(() => undefined);
      expect(engine.received).toEqual([{ method: 'POST', url: '/v1.41/containers/0123abcd/stop?t=3', body: '', contentType: undefined }]);
    } finally {
      await engine.close();
    }
  });
});

describe('asEngineError', () => {
  it('keeps an AppError as it is, and names no unix socket path in any other failure', () => {
    const refusal = new AppError('FORBIDDEN', 'not this');
    expect(asEngineError(refusal)).toBe(refusal);
    const wrapped = asEngineError(new Error('connect ENOENT /var/run/docker.sock'));
    expect(wrapped).toMatchObject({ code: 'INTERNAL', message: 'connect ENOENT the Docker engine' });
  });
});
