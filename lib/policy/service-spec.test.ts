import { describe, expect, it } from 'vitest';
import { decide } from './testing/decide';
import { hex64 } from './testing/fake-resolver';

const spec = (containerSpec: Record<string, unknown>, task: Record<string, unknown> = {}, top: Record<string, unknown> = {}) => ({
  Name: 'api',
  TaskTemplate: { ContainerSpec: { Image: 'nginx', ...containerSpec }, ...task },
  Mode: { Replicated: { Replicas: 2 } },
  ...top,
});

describe('service create and update', () => {
  it('allows what docker service create sends, networks forwarded by id', async () => {
    const decision = await decide('POST', '/v1.41/services/create', spec({ Env: ['A=1'], Mounts: [{ Type: 'volume', Source: 'data', Target: '/d' }] }, { Networks: [{ Target: 'flat', Aliases: ['api'] }], Placement: { Constraints: ['node.role==worker'] }, Resources: { Limits: { NanoCPUs: 1e9 } } }, { EndpointSpec: { Mode: 'VIP', Ports: [{ Protocol: 'TCP', TargetPort: 80, PublishedPort: 8080, PublishMode: 'Ingress' }] } }));
    expect(decision.allow && decision.request.body).toMatchObject({
      TaskTemplate: { Networks: [{ Target: hex64('d4'), Aliases: ['api'] }] },
      EndpointSpec: { Mode: 'vip', Ports: [{ Protocol: 'tcp', PublishMode: 'ingress' }] },
    });
  });

  for (const type of ['bind', 'BIND', 'Bind', 'npipe']) {
    it(`refuses a mount of type ${type}, on create and on update`, async () => {
      const body = spec({ Mounts: [{ Type: type, Source: '/', Target: '/host' }] });
      expect(await decide('POST', '/services/create', body)).toMatchObject({ allow: false, status: 403, field: 'TaskTemplate.ContainerSpec.Mounts[0].Type' });
      expect(await decide('POST', '/services/api/update?version=3', body)).toMatchObject({ allow: false, status: 403, field: 'TaskTemplate.ContainerSpec.Mounts[0].Type' });
      expect((await decide('POST', '/services/create', body, 'admin')).allow).toBe(true);
    });
  }

  it('refuses a service mount without a Type: swarm makes it a bind mount', async () => {
    expect(await decide('POST', '/services/create', spec({ Mounts: [{ Source: '/', Target: '/host' }] }))).toMatchObject({ allow: false, field: 'TaskTemplate.ContainerSpec.Mounts[0].Type' });
  });

  it('refuses named volumes made with bind options, and driver options in any case', async () => {
    expect(await decide('POST', '/services/create', spec({ Mounts: [{ Type: 'Volume', Source: 'hostroot', Target: '/h' }] }))).toMatchObject({ allow: false, field: 'TaskTemplate.ContainerSpec.Mounts[0].Source' });
    expect(await decide('POST', '/services/create', spec({ mounts: [{ type: 'volume', source: 'x', target: '/h', volumeOptions: { DriverConfig: { Name: 'local', Options: { o: 'bind', device: '/' } } } }] }))).toMatchObject({ allow: false, field: 'TaskTemplate.ContainerSpec.Mounts[0].VolumeOptions.DriverConfig.Options' });
  });

  it('refuses the host network by name, local id and swarm id, in TaskTemplate.Networks and the deprecated Networks', async () => {
    for (const target of ['host', hex64('a1'), hex64('e5'), 'swarm-host']) {
      expect(await decide('POST', '/services/create', spec({}, { Networks: [{ Target: target }] }))).toMatchObject({ allow: false, status: 403, field: 'TaskTemplate.Networks[0].Target' });
      expect(await decide('POST', '/services/create', spec({}, {}, { Networks: [{ Target: target }] }))).toMatchObject({ allow: false, status: 403, field: 'Networks[0].Target' });
    }
  });

  for (const [containerSpec, task, field] of [
    [{ CapabilityAdd: ['SYS_ADMIN'] }, {}, 'TaskTemplate.ContainerSpec.CapabilityAdd[0]'],
    [{ Privileges: { SELinuxContext: { Disable: true } } }, {}, 'TaskTemplate.ContainerSpec.Privileges.SELinuxContext'],
    [{ Privileges: { CredentialSpec: { File: 'x' } } }, {}, 'TaskTemplate.ContainerSpec.Privileges.CredentialSpec'],
    [{ Secrets: [{ SecretID: 'abc', SecretName: 'db' }] }, {}, 'TaskTemplate.ContainerSpec.Secrets'],
    [{ Configs: [{ ConfigID: 'abc' }] }, {}, 'TaskTemplate.ContainerSpec.Configs'],
    [{ Sysctls: { 'kernel.modprobe': '/tmp/x' } }, {}, 'TaskTemplate.ContainerSpec.Sysctls.kernel.modprobe'],
    [{}, { PluginSpec: { Name: 'evil', Remote: 'evil/plugin' } }, 'TaskTemplate.PluginSpec'],
    [{}, { Runtime: 'plugin' }, 'TaskTemplate.Runtime'],
    [{}, { NetworkAttachmentSpec: { ContainerID: 'x' } }, 'TaskTemplate.NetworkAttachmentSpec'],
    [{}, { LogDriver: { Name: 'syslog', Options: { 'syslog-address': 'tcp://10.0.0.1:514' } } }, 'TaskTemplate.LogDriver.Name'],
    [{}, { Networks: [{ Target: 'flat', DriverOpts: { x: 'y' } }] }, 'TaskTemplate.Networks[0].DriverOpts'],
  ] as const) {
    it(`refuses ${field}`, async () => {
      expect(await decide('POST', '/services/create', spec(containerSpec, task))).toMatchObject({ allow: false, status: 403, field });
    });
  }

  it('refuses rollback=previous (the restored spec is not in the request), and allows a checked update', async () => {
    expect(await decide('POST', '/services/api/update?version=5&rollback=previous', spec({}))).toMatchObject({ allow: false, field: 'query.rollback' });
    const decision = await decide('POST', '/services/api/update?version=5&registryAuthFrom=spec', spec({ CapabilityAdd: ['net_bind_service'] }));
    expect(decision.allow && decision.request).toMatchObject({ path: '/v1.41/services/svc0000000000000000000001/update?version=5&registryAuthFrom=spec', body: { TaskTemplate: { ContainerSpec: { CapabilityAdd: ['CAP_NET_BIND_SERVICE'] } } } });
  });
});
