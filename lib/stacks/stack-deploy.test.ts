import { describe, expect, it } from 'vitest';
import type { SwarmServiceJson } from '@/lib/docker/engine-shapes';
import { updatedSpecOf } from './stack-deploy';

const current = (labelImage: string): SwarmServiceJson => ({
  ID: 'svc1',
  Spec: {
    Name: 'shop_web',
    Labels: { 'com.docker.stack.image': labelImage },
    TaskTemplate: { ContainerSpec: { Image: 'nginx:1.27@sha256:abc' }, ForceUpdate: 3 },
  },
});

describe('updatedSpecOf: what a redeploy sends for an existing service (as the CLI)', () => {
  const spec = { Name: 'shop_web', Labels: { 'com.docker.stack.image': 'nginx:1.27' }, TaskTemplate: { ContainerSpec: { Image: 'nginx:1.27', Env: ['A=1'] } } };

  it('keeps the digest the engine resolved when the image did not change, and ForceUpdate', () => {
    expect(updatedSpecOf(spec, current('nginx:1.27')).TaskTemplate).toEqual({ ContainerSpec: { Image: 'nginx:1.27@sha256:abc', Env: ['A=1'] }, ForceUpdate: 3 });
  });

  it('sends the new image when the file changed it', () => {
    expect(updatedSpecOf(spec, current('nginx:1.26')).TaskTemplate?.ContainerSpec?.Image).toBe('nginx:1.27');
  });
});
