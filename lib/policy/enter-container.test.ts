import { describe, expect, it } from 'vitest';
import { decide } from './testing/decide';
import { hex64 } from './testing/fake-resolver';

describe('exec, attach and files: only into containers that do not have the host', () => {
  it('creates an exec in a contained container, by id, with its body checked', async () => {
    const decision = await decide('POST', '/containers/web/exec', { cmd: ['sh'], AttachStdin: true, Tty: true, User: 'root' });
    expect(decision.allow && decision.request).toMatchObject({ path: `/v1.41/containers/${hex64('1f')}/exec`, body: { Cmd: ['sh'], AttachStdin: true, Tty: true, User: 'root' } });
  });

  it('refuses a privileged exec', async () => {
    expect(await decide('POST', '/containers/web/exec', { Cmd: ['sh'], privileged: true })).toMatchObject({ allow: false, status: 403, field: 'Privileged' });
  });

  for (const target of ['rooted', 'hostnet', 'privileged', 'sharer', 'unmasked', 'with-bound-volume', hex64('2e').slice(0, 10)]) {
    it(`refuses exec create, attach, archive and export in ${target}, which has the host`, async () => {
      for (const [method, path] of [['POST', `/containers/${target}/exec`], ['POST', `/containers/${target}/attach?stream=1`], ['GET', `/containers/${target}/attach/ws`], ['GET', `/containers/${target}/archive?path=/`], ['PUT', `/containers/${target}/archive?path=/`], ['GET', `/containers/${target}/export`]] as const) {
        const decision = await decide(method, path, method === 'POST' && path.endsWith('/exec') ? { Cmd: ['sh'] } : undefined);
        expect(decision).toMatchObject({ allow: false, status: 403, field: 'path.container' });
      }
      expect((await decide('POST', `/containers/${target}/exec`, { Cmd: ['sh'] }, 'admin')).allow).toBe(true);
    });
  }

  it('checks the container again at exec start, by the exec\'s container id (a rename in between changes nothing)', async () => {
    const contained = await decide('POST', `/exec/${hex64('e1').slice(0, 12)}/start`, { Detach: false, Tty: true });
    expect(contained.allow && contained.request.path).toBe(`/v1.41/exec/${hex64('e1')}/start`);
    expect(await decide('POST', `/exec/${hex64('e2')}/start`, { Detach: false })).toMatchObject({ allow: false, status: 403, field: 'path.exec' });
  });

  it('refuses to start a privileged exec an admin created, and allows the admin', async () => {
    expect(await decide('POST', `/exec/${hex64('e3')}/start`, { Detach: true })).toMatchObject({ allow: false, status: 403, field: 'path.exec' });
    expect((await decide('POST', `/exec/${hex64('e3')}/start`, { Detach: true }, 'admin')).allow).toBe(true);
  });

  it('lets a non-admin stop or read logs of a container that has the host (it reaches nothing)', async () => {
    expect((await decide('GET', '/containers/rooted/logs?stdout=1')).allow).toBe(true);
    expect((await decide('POST', '/containers/privileged/stop')).allow).toBe(true);
  });

  it('resolves the container of a commit query and checks the committed config', async () => {
    const decision = await decide('POST', '/commit?container=web&repo=me/web', { Cmd: ['nginx'] });
    expect(decision.allow && decision.request.path).toBe(`/v1.41/commit?container=${hex64('1f')}&repo=me%2Fweb`);
    expect(await decide('POST', '/commit?container=rooted')).toMatchObject({ allow: false, field: 'query.container' });
  });

  it('connects a container to a network by ids, never to the host network', async () => {
    const decision = await decide('POST', '/networks/flat/connect', { container: 'web', EndpointConfig: { IPAMConfig: { IPv4Address: '10.0.0.5' } } });
    expect(decision.allow && decision.request).toMatchObject({ path: `/v1.41/networks/${hex64('d4')}/connect`, body: { Container: hex64('1f') } });
  });

  it('refuses to connect a container to the host network, by name or id', async () => {
    for (const ref of ['host', hex64('a1').slice(0, 12)]) {
      expect(await decide('POST', `/networks/${ref}/connect`, { Container: 'web' })).toMatchObject({ allow: false, status: 403, field: 'path.network' });
    }
  });

  it('updates limits, not devices', async () => {
    expect((await decide('POST', '/containers/web/update', { Memory: 1 << 26, RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 } })).allow).toBe(true);
    expect(await decide('POST', '/containers/web/update', { Devices: [{ PathOnHost: '/dev/mem' }] })).toMatchObject({ allow: false, field: 'Devices' });
  });
});
