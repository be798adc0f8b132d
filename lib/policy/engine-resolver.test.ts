import { describe, expect, it } from 'vitest';
import { createEngineResolver, type EngineGet } from './engine-resolver';

const ID = 'f'.repeat(64);

function fakeEngine(answers: Record<string, { status: number; body: unknown }>): { get: EngineGet; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    get: (path) => {
      asked.push(path);
      return Promise.resolve(answers[path] ?? { status: 404, body: { message: 'no such object' } });
    },
  };
}

describe('createEngineResolver', () => {
  it('resolves a container by asking the engine, and keeps what the policy reads', async () => {
    const engine = fakeEngine({ '/v1.41/containers/web/json': { status: 200, body: { Id: ID, Name: '/web', HostConfig: { Privileged: true }, Mounts: [{ Type: 'bind', Source: '/' }] } } });
    expect(await createEngineResolver(engine.get).resolve('container', 'web')).toEqual({ id: ID, name: 'web', hostConfig: { Privileged: true }, mounts: [{ Type: 'bind', Source: '/' }] });
  });

  it('resolves networks, volumes, execs, services and nodes to their ids', async () => {
    const engine = fakeEngine({
      '/v1.41/networks/host': { status: 200, body: { Id: ID, Name: 'host', Driver: 'host' } },
      '/v1.41/volumes/data': { status: 200, body: { Name: 'data', Driver: 'local', Options: { o: 'bind' } } },
      '/v1.41/exec/e1/json': { status: 200, body: { ID, ContainerID: ID, ProcessConfig: { privileged: true } } },
      '/v1.41/services/api': { status: 200, body: { ID: 'svc1' } },
      '/v1.41/nodes/n1': { status: 200, body: { ID: 'node1' } },
    });
    const resolver = createEngineResolver(engine.get);
    expect(await resolver.resolve('network', 'host')).toEqual({ id: ID, name: 'host', driver: 'host' });
    expect(await resolver.resolve('volume', 'data')).toEqual({ id: 'data', driver: 'local', options: { o: 'bind' } });
    expect(await resolver.resolve('exec', 'e1')).toEqual({ id: ID, containerId: ID, privileged: true });
    expect(await resolver.resolve('service', 'api')).toEqual({ id: 'svc1' });
    expect(await resolver.resolve('node', 'n1')).toEqual({ id: 'node1' });
  });

  it('answers null for an unknown object and for references that would route elsewhere, without asking', async () => {
    const engine = fakeEngine({});
    const resolver = createEngineResolver(engine.get);
    expect(await resolver.resolve('container', 'ghost')).toBeNull();
    for (const ref of ['', '..', 'a/b']) expect(await resolver.resolve('container', ref)).toBeNull();
    expect(engine.asked).toEqual(['/v1.41/containers/ghost/json']);
  });

  it('encodes the reference, so a query cannot ride along', async () => {
    const engine = fakeEngine({});
    await createEngineResolver(engine.get).resolve('container', 'web?x=1');
    expect(engine.asked).toEqual(['/v1.41/containers/web%3Fx%3D1/json']);
  });

  it('throws when the engine answers something else, so the caller forwards nothing', async () => {
    const engine = fakeEngine({ '/v1.41/containers/web/json': { status: 500, body: {} } });
    await expect(createEngineResolver(engine.get).resolve('container', 'web')).rejects.toThrow(/500/);
  });

  it('lists the bridges of the engine networks', async () => {
    const engine = fakeEngine({
      '/v1.41/networks': {
        status: 200,
        body: [
          { Id: ID, Name: 'bridge', Driver: 'bridge', Options: {} },
          { Id: `0123456789ab${'0'.repeat(52)}`, Name: 'user', Driver: 'bridge', Options: {} },
          { Id: ID, Name: 'flat', Driver: 'bridge', Options: { 'com.docker.network.bridge.name': 'br0' } },
          { Id: ID, Name: 'host', Driver: 'host', Options: null },
        ],
      },
    });
    expect(await createEngineResolver(engine.get).interfacesInUse()).toEqual(['docker0', 'docker_gwbridge', 'br-0123456789ab', 'br0']);
  });
});
