import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { testDockerUrl, testEngineClient } from '@/tests/support/docker-client';
import { getEngineSummary } from './engine-summary';

const url = testDockerUrl;

describe('getEngineSummary against the real engine', () => {
  it('reports the engine version, swarm state and counts the docker CLI reports', async () => {
    const summary = await getEngineSummary(testEngineClient(url));
    const cli = JSON.parse(execFileSync('docker', ['-H', url, 'info', '--format', '{{json .}}'], { encoding: 'utf8' })) as {
      ServerVersion: string;
      Images: number;
      Swarm: { LocalNodeState: string; Nodes: number };
    };
    expect(summary.engineVersion).toBe(cli.ServerVersion);
    expect(summary.swarm.state).toBe('active');
    expect(summary.swarm.nodes).toBe(cli.Swarm.Nodes);
    expect(summary.images).toBe(cli.Images);
    expect(summary.cpus).toBeGreaterThan(0);
  });

  it('says the engine is unreachable when no engine listens there, without the socket path', async () => {
    const missing = 'unix:///nonexistent/docker.sock';
    const error = await getEngineSummary(testEngineClient(missing)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'DOCKER_UNAVAILABLE', message: expect.stringContaining('The Docker engine is unreachable') });
    expect((error as Error).message).not.toContain('nonexistent');
  });
});
