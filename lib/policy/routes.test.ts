import { describe, expect, it } from 'vitest';
import { mayUpgrade } from './may-upgrade';
import { decide } from './testing/decide';
import { hex64 } from './testing/fake-resolver';

describe('routes, methods and query strings', () => {
  it('lets a non-admin read and run containers, forwarding ids for names', async () => {
    const decision = await decide('POST', '/v1.41/containers/web/start');
    expect(decision.allow && decision.request.path).toBe(`/v1.41/containers/${hex64('1f')}/start`);
    const logs = await decide('GET', '/containers/1f1f/logs?follow=1&stdout=1&tail=100');
    expect(logs.allow && logs.request.path).toBe(`/v1.41/containers/${hex64('1f')}/logs?follow=1&stdout=1&tail=100`);
    for (const [method, path] of [['GET', '/containers/json?all=1'], ['GET', '/images/json'], ['GET', '/networks'], ['GET', '/volumes'], ['GET', '/services'], ['GET', '/tasks'], ['GET', '/nodes'], ['POST', '/images/create?fromImage=nginx&tag=latest'], ['GET', '/_ping'], ['HEAD', '/_ping'], ['DELETE', '/services/api'], ['GET', '/images/registry.local:5000/team/app:v1/json']]) {
      expect((await decide(method ?? '', path ?? '')).allow).toBe(true);
    }
  });

  for (const [method, path, field] of [
    ['POST', '/images/create?fromSrc=http://169.254.169.254/latest/meta-data', 'query.fromSrc'],
    ['POST', '/images/create?fromImage=x&fromSrc=-', 'query.fromSrc'],
    ['POST', '/services/api/update?version=3&rollback=previous', 'query.rollback'],
    ['DELETE', '/images/nginx?force=1', 'query.force'],
    ['GET', '/distribution/nginx/json', 'path'],
    ['POST', '/auth', 'path'],
    ['POST', '/build', 'path'],
    ['POST', '/images/load', 'path'],
    ['GET', '/plugins', 'path'],
    ['POST', '/plugins/pull?remote=evil/plugin', 'path'],
    ['POST', '/plugins/vieux/sshfs:latest/enable', 'path'],
    ['GET', '/swarm', 'path'],
    ['GET', '/swarm/unlockkey', 'path'],
    ['POST', '/swarm/leave?force=1', 'path'],
    ['GET', '/secrets', 'path'],
    ['POST', '/secrets/create', 'path'],
    ['GET', '/configs', 'path'],
    ['POST', '/nodes/manager-1/update?version=1', 'path'],
    ['DELETE', '/nodes/manager-1', 'path'],
    ['POST', '/session', 'path'],
    ['POST', '/grpc', 'path'],
    ['GET', '/containers/json?unknown=1', 'query.unknown'],
    ['POST', '/containers/web/start?checkpoint-dir=/etc', 'query.checkpoint-dir'],
    ['GET', '/containers/web/logs?follow=1&follow=0', 'query.follow'],
  ] as const) {
    it(`refuses ${method} ${path} for a non-admin, allows it for an admin`, async () => {
      const refused = await decide(method, path);
      expect(refused.allow).toBe(false);
      expect(!refused.allow && refused.field).toBe(field);
      expect((await decide(method, path, undefined, 'admin')).allow).toBe(true);
    });
  }

  it('decides the same for a viewer as for an operator (areas are checked before the policy)', async () => {
    for (const role of ['viewer', 'operator'] as const) {
      expect(await decide('POST', '/containers/create', { Image: 'x', HostConfig: { Privileged: true } }, role)).toMatchObject({ allow: false, status: 403, field: 'HostConfig.Privileged' });
      expect(await decide('GET', '/swarm', undefined, role)).toMatchObject({ allow: false, status: 403, field: 'path' });
    }
  });

  it('allows an admin-only query parameter at its default', async () => {
    expect((await decide('POST', '/images/create?fromImage=x&fromSrc=')).allow).toBe(true);
    expect((await decide('DELETE', '/images/nginx?force=false')).allow).toBe(true);
  });

  it('rebuilds the query it checked: Go reads parameters by exact name, so fromsrc is not fromSrc', async () => {
    const decision = await decide('POST', '/images/create?fromImage=a%20b&fromsrc=x');
    expect(!decision.allow && decision.field).toBe('query.fromsrc');
    const fine = await decide('POST', '/images/create?fromImage=a+b&tag=1');
    expect(fine.allow && fine.request.path).toBe('/v1.41/images/create?fromImage=a%20b&tag=1');
  });

  it('refuses semicolons and invalid escapes in the query, and unclean or invalid paths (400)', async () => {
    for (const path of ['/containers/json?all=1;fromSrc=x', '/containers/json?all=%zz', '/containers/web%2F..%2F..%2Fswarm/json', '/containers/../swarm', '/containers//json', '/containers/%ff/json']) {
      const decision = await decide('GET', path);
      expect(!decision.allow && decision.status).toBe(400);
    }
  });

  it('refuses endpoints that do not exist (404), for admins too', async () => {
    for (const role of ['operator', 'admin'] as const) {
      const decision = await decide('POST', '/containers/web/frobnicate', undefined, role);
      expect(!decision.allow && decision.status).toBe(404);
    }
  });

  it('refuses a body on start (host settings before API 1.24), allows none or {}', async () => {
    const refused = await decide('POST', '/v1.41/containers/web/start', { HostConfig: { Privileged: true, Binds: ['/:/host'] } });
    expect(!refused.allow && refused.field).toBe('body');
    expect((await decide('POST', '/v1.41/containers/web/start', {})).allow).toBe(true);
    const old = await decide('POST', '/v1.23/containers/web/start', { HostConfig: { Privileged: true } }, 'admin');
    expect(!old.allow && old.status).toBe(400);
  });

  it('drops the body of a call the engine reads none for (dockerode sends its options as a body too)', async () => {
    const decision = await decide('POST', '/containers/web/stop?t=10', { t: 10 });
    expect(decision.allow && decision.request).toMatchObject({ path: `/v1.41/containers/${hex64('1f')}/stop?t=10`, body: undefined });
    expect(decision.allow && decision.request.contentType).toBeUndefined();
  });

  it('says which Content-Type to send: JSON for a checked body, tar for an archive upload', async () => {
    const create = await decide('POST', '/containers/create', { Image: 'x' });
    expect(create.allow && create.request.contentType).toBe('application/json');
    const upload = await decide('PUT', '/containers/web/archive?path=/tmp', undefined);
    expect(upload.allow && upload.request.contentType).toBe('application/x-tar');
  });

  it('refuses a reference that does not exist with 404', async () => {
    const decision = await decide('POST', '/containers/ghost/stop');
    expect(decision).toMatchObject({ allow: false, status: 404, field: 'path.container' });
  });
});

describe('mayUpgrade', () => {
  it('is true only for the endpoints the engine hijacks', () => {
    expect(mayUpgrade('POST', '/v1.41/containers/web/attach?stream=1&stdin=1')).toBe(true);
    expect(mayUpgrade('GET', '/containers/web/attach/ws')).toBe(true);
    expect(mayUpgrade('POST', '/v1.41/exec/abc/start')).toBe(true);
    expect(mayUpgrade('POST', '/session')).toBe(true);
    expect(mayUpgrade('POST', '/grpc')).toBe(true);
    for (const [method, path] of [['GET', '/_ping'], ['GET', '/containers/json'], ['POST', '/containers/web/start'], ['GET', '/containers/web/logs'], ['GET', '/v1.41/containers/web/attach'], ['POST', '/v1.12/exec/abc/start'], ['POST', '/containers/a/b/attach']] as const) {
      expect(mayUpgrade(method, path)).toBe(false);
    }
  });
});
