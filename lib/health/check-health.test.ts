import { describe, expect, it } from 'vitest';
import { checkHealth, ServiceUnusableError } from './check-health';

describe('checkHealth', () => {
  it('reports each service up or down with a fix that names the setting', async () => {
    const report = await checkHealth({
      docker: async () => 'pong',
      etcd: async () => {
        throw new Error('connect ECONNREFUSED 10.0.0.9:2379 secret-ish detail');
      },
      database: async () => 1,
    });
    expect(report.status).toBe('degraded');
    expect(report.services.docker.up).toBe(true);
    expect(report.services.etcd).toMatchObject({ up: false, message: expect.stringMatching(/SHIPYARD_ETCD/) });
    expect(JSON.stringify(report)).not.toMatch(/10\.0\.0\.9|secret-ish/);
  });

  it('is ok when all three answer', async () => {
    const report = await checkHealth({ docker: async () => 1, etcd: async () => 1, database: async () => 1 });
    expect(report.status).toBe('ok');
  });

  it('a service that answers but cannot be used is up, not usable, and makes the report degraded', async () => {
    const report = await checkHealth({
      docker: async () => 1,
      etcd: async () => 1,
      database: async () => {
        throw new ServiceUnusableError('The database answers but lacks its tables');
      },
    });
    expect(report.status).toBe('degraded');
    expect(report.services.database).toMatchObject({ up: true, usable: false, message: 'The database answers but lacks its tables' });
    expect(report.services.docker.usable).toBeUndefined();
  });
});
