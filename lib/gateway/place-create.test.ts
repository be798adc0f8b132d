import { describe, expect, it } from 'vitest';
import { placeGatewayCreate } from './place-create';

describe('placeGatewayCreate', () => {
  it('forwards a body without placement rules untouched', async () => {
    const raw = Buffer.from('{"Image":"busybox","Env":["A=1"]}');
    expect(await placeGatewayCreate(undefined, JSON.parse(raw.toString()), raw)).toBe(raw);
  });

  it('refuses a malformed rule with a 422 naming the Env entry or label', async () => {
    const body = { Image: 'busybox', Env: ['A=1', 'constraint:node=h2'], Labels: { 'com.docker.swarm.affinities': '["volume==x"]' } };
    await expect(placeGatewayCreate(undefined, body, Buffer.from(JSON.stringify(body)))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'Env.1' }, { path: 'Labels.com.docker.swarm.affinities' }],
    });
  });
});
