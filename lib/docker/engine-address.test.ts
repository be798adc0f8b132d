import { describe, expect, it } from 'vitest';
import { translateDockerError } from './docker-errors';
import { engineAt, hideSocketPaths } from './engine-address';

describe('engine socket paths in messages', () => {
  it('are never shown: an unreachable unix socket is "the Docker engine"', () => {
    const refused = translateDockerError(Object.assign(new Error('connect ENOENT /var/run/docker.sock'), { code: 'ENOENT' }), 'unix:///var/run/docker.sock');
    expect(refused).toMatchObject({ code: 'DOCKER_UNAVAILABLE', message: 'The Docker engine is unreachable: check SHIPYARD_DOCKER and that dockerd is running' });
    const other = translateDockerError(new Error('socket hang up on /srv/private/engine.sock (unix:///srv/private/engine.sock)'), 'unix:///srv/private/engine.sock');
    expect(other.message).toBe('Docker: socket hang up on the Docker engine (the Docker engine)');
    expect(`${refused.message} ${other.message}`).not.toMatch(/\.sock|\/var\/run|\/srv/);
  });

  it('keep a tcp address, which says which host is down', () => {
    expect(engineAt('tcp://10.0.0.1:2376')).toBe(' at tcp://10.0.0.1:2376');
    expect(engineAt('unix:///var/run/docker.sock')).toBe('');
    expect(hideSocketPaths('connect ECONNREFUSED 10.0.0.1:2376')).toBe('connect ECONNREFUSED 10.0.0.1:2376');
    expect(hideSocketPaths('GET /v1.41/containers/json failed')).toBe('GET /v1.41/containers/json failed');
    expect(hideSocketPaths('connect EACCES /run/user/1000/docker.sock')).toBe('connect EACCES the Docker engine');
  });
});
