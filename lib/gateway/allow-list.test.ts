import { describe, expect, it } from 'vitest';
import { GATEWAY_RULES, matchGatewayRoute } from './allow-list';

const requires = (method: string, route: string) => matchGatewayRoute(method, route)?.rule.requires ?? null;

describe('the gateway allow-list', () => {
  it('maps each call the docker CLI makes for ps, run, logs, exec and services to its permission', () => {
    expect(requires('GET', '/_ping')).toBe('signed-in');
    expect(requires('HEAD', '/_ping')).toBe('signed-in');
    expect(requires('GET', '/containers/json')).toBe('containers:read');
    expect(requires('POST', '/containers/create')).toBe('containers:write');
    expect(requires('POST', '/containers/abc/attach')).toBe('containers:write');
    expect(requires('POST', '/containers/abc/start')).toBe('containers:write');
    expect(requires('POST', '/containers/abc/wait')).toBe('containers:write');
    expect(requires('GET', '/containers/abc/logs')).toBe('containers:read');
    expect(requires('POST', '/containers/abc/exec')).toBe('containers:write');
    expect(requires('POST', '/exec/123/start')).toBe('containers:write');
    expect(requires('GET', '/exec/123/json')).toBe('containers:read');
    expect(requires('POST', '/services/create')).toBe('swarm:write');
    expect(requires('POST', '/services/svc/update')).toBe('swarm:write');
    expect(requires('DELETE', '/services/svc')).toBe('swarm:write');
    expect(requires('GET', '/networks/net')).toBe('networks:read');
  });

  it('takes image names with slashes and a registry port as one parameter', () => {
    expect(matchGatewayRoute('GET', '/images/registry:5000/team/app:1.0/json')).toEqual({
      rule: expect.objectContaining({ requires: 'images:read' }),
      params: { name: 'registry:5000/team/app:1.0' },
    });
    expect(matchGatewayRoute('DELETE', '/images/team/app:1.0')?.params).toEqual({ name: 'team/app:1.0' });
    expect(requires('GET', '/images/json')).toBe('images:read');
  });

  it('marks the bodies to inspect and the calls that enter a container', () => {
    expect(matchGatewayRoute('POST', '/containers/create')?.rule.body).toBe('container-create');
    expect(matchGatewayRoute('POST', '/services/create')?.rule.body).toBe('service-spec');
    expect(matchGatewayRoute('POST', '/services/x/update')?.rule.body).toBe('service-spec');
    expect(matchGatewayRoute('POST', '/containers/x/exec')?.rule).toMatchObject({ body: 'exec-create', entersContainer: true });
    expect(matchGatewayRoute('PUT', '/containers/x/archive')?.rule.entersContainer).toBe(true);
    expect(matchGatewayRoute('POST', '/containers/x/attach')?.params).toEqual({ id: 'x' });
    expect(matchGatewayRoute('POST', '/exec/e/start')?.rule.entersExec).toBe(true);
    expect(matchGatewayRoute('POST', '/exec/e/resize')?.rule.entersExec).toBe(true);
  });

  it('keeps join tokens, swarm membership and plugins for admins, and lists nothing else', () => {
    expect(requires('GET', '/swarm')).toBe('admin');
    expect(requires('POST', '/swarm/leave')).toBe('admin');
    expect(requires('POST', '/plugins/pull')).toBe('admin');
    // Issue 12: these reach registries, other addresses or the cluster's credentials.
    expect(requires('GET', '/distribution/busybox:local/json')).toBe('admin');
    expect(requires('POST', '/auth')).toBe('admin');
    expect(requires('POST', '/images/load')).toBe('admin');
    // Secrets and configs: admins, and accounts an admin granted the secrets area (roleGrants keeps it from operators).
    expect(requires('GET', '/secrets')).toBe('secrets:read');
    expect(requires('GET', '/configs/c')).toBe('secrets:read');
    expect(requires('POST', '/secrets/create')).toBe('secrets:write');
    // Volumes follow the console's volumes area.
    expect(requires('POST', '/volumes/create')).toBe('volumes:write');
    expect(requires('GET', '/volumes')).toBe('volumes:read');
    expect(requires('POST', '/nodes/n/update')).toBe('admin');
    for (const [method, route] of [
      ['POST', '/build'],
      ['POST', '/session'],
      ['GET', '/containers/a/b/json'],
      ['PATCH', '/containers/json'],
      ['POST', '/containers/json'],
      ['GET', '/nope'],
    ] as const) {
      expect(matchGatewayRoute(method, route), `${method} ${route}`).toBeNull();
    }
  });

  it('has no rule twice', () => {
    const keys = GATEWAY_RULES.map((rule) => `${rule.method} ${rule.pattern}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
