import { describe, expect, it } from 'vitest';
import { placeGatewayCreate, readGatewayCreate } from './place-create';

const noSkips = { mayPull: true, skipped: new Map<string, string>() };

describe('placeGatewayCreate', () => {
  it('forwards a body without placement rules untouched', async () => {
    const raw = Buffer.from('{"Image":"busybox","Env":["A=1"]}');
    const create = readGatewayCreate(JSON.parse(raw.toString()), raw);
    expect(create.body).toBe(raw);
    expect(await placeGatewayCreate(undefined, create, noSkips)).toEqual({ engine: null, host: null, pull: false });
  });

  it('refuses a malformed rule with a 422 naming the Env entry or label', () => {
    const body = { Image: 'busybox', Env: ['A=1', 'constraint:node=h2'], Labels: { 'com.docker.swarm.affinities': '["volume==x"]' } };
    expect(() => readGatewayCreate(body, Buffer.from(JSON.stringify(body)))).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        fields: [expect.objectContaining({ path: 'Env.1' }), expect.objectContaining({ path: 'Labels.com.docker.swarm.affinities' })],
      }),
    );
  });

  it('moves the rules to classic swarm labels and reserves the larger of Memory and MemoryReservation', () => {
    const body = { Image: 'busybox', Env: ['A=1', 'constraint:node==h2'], HostConfig: { Memory: 64, MemoryReservation: 128, NetworkMode: 'flat' } };
    const create = readGatewayCreate(body, Buffer.from(JSON.stringify(body)));
    expect(JSON.parse(create.body.toString())).toMatchObject({ Env: ['A=1'], Labels: { 'com.docker.swarm.constraints': '["node==h2"]' } });
    expect(create).toMatchObject({ image: 'busybox', memoryBytes: 128, network: 'flat' });
  });
});
