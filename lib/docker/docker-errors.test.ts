import { describe, expect, it } from 'vitest';
import { translateDockerError } from './docker-errors';

describe('translateDockerError', () => {
  it('says the engine is unreachable and which setting to check when the socket refuses', () => {
    const error = translateDockerError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'tcp://10.0.0.1:4000');
    expect(error.code).toBe('DOCKER_UNAVAILABLE');
    expect(error.message).toBe('The Docker engine at tcp://10.0.0.1:4000 is unreachable: check SHIPYARD_DOCKER and that dockerd is running there');
  });

  it("keeps Docker's own message and maps its status", () => {
    const notFound = translateDockerError({ statusCode: 404, json: { message: 'No such container: web' } }, 'unix:///x');
    expect(notFound).toMatchObject({ code: 'NOT_FOUND', message: 'Docker: No such container: web' });
    const conflict = translateDockerError({ statusCode: 409, json: { message: 'name in use' } }, 'unix:///x');
    expect(conflict.code).toBe('CONFLICT');
    const server = translateDockerError({ statusCode: 500, reason: 'server error', json: null }, 'unix:///x');
    expect(server).toMatchObject({ code: 'DOCKER_ERROR', message: 'Docker: server error' });
  });
});
