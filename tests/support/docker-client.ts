// The stack's Docker engine, reached through the app's own endpoint parser and client.
import type Docker from 'dockerode';
import { parseDockerEndpoint } from '@/lib/config/docker-endpoint';
import { createDockerClient } from '@/lib/docker/client';
import { EngineClient } from '@/lib/docker/engine-client';

/** The engine the integration tests run against (set by the stack's env). */
export const testDockerUrl = process.env.SHIPYARD_DOCKER ?? '';

export function testDockerClient(url: string = testDockerUrl): Docker {
  const endpoint = parseDockerEndpoint(url, {});
  if (Array.isArray(endpoint)) throw new Error(endpoint.join('; '));
  return createDockerClient(endpoint);
}

/** The stack's engine through the app's Docker boundary (what domain functions take). */
export function testEngineClient(url: string = testDockerUrl): EngineClient {
  const endpoint = parseDockerEndpoint(url, {});
  if (Array.isArray(endpoint)) throw new Error(endpoint.join('; '));
  return EngineClient.connect(endpoint);
}
