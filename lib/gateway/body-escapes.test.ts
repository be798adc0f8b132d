import { describe, expect, it } from 'vitest';
import { namedVolumesToCheck } from '@/lib/policy/service-host-escape';
import { BodyShapeError, bodyEscapes, serviceMounts, serviceNetworkTargets } from './body-escapes';
import { namedVolumes, sharedContainers } from './shared-objects';

const create = (HostConfig: Record<string, unknown>) => bodyEscapes('container-create', { Image: 'busybox', HostConfig });
const service = (ContainerSpec: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ({ Name: 's', TaskTemplate: { ContainerSpec: { Image: 'busybox', ...ContainerSpec }, ...extra } });

describe('host-escaping options in request bodies', () => {
  it('finds nothing in what the CLI sends for an ordinary run', () => {
    expect(create({ NetworkMode: 'default', Binds: ['data:/data'], Mounts: [{ Type: 'volume' }, { Type: 'tmpfs' }], CpusetCpus: '0', CapAdd: null, Devices: [] })).toEqual([]);
    expect(bodyEscapes('container-create', {})).toEqual([]);
  });

  it('names each host-escaping container option', () => {
    expect(create({ Privileged: true })).toEqual(['privileged mode']);
    expect(create({ Binds: ['/:/host'] })).toEqual(['host bind mounts']);
    expect(create({ Mounts: [{ Type: 'bind', Source: '/' }] })).toEqual(['host bind mounts']);
    expect(create({ NetworkMode: 'host' })).toEqual(['the host network']);
    expect(create({ PidMode: 'host', IpcMode: 'host', UTSMode: 'host', UsernsMode: 'host' })).toEqual([
      'the host PID namespace',
      'the host IPC namespace',
      'the host UTS namespace',
      'the host user namespace',
    ]);
    expect(create({ Devices: [{ PathOnHost: '/dev/null' }] })).toEqual(['devices']);
    expect(create({ DeviceRequests: [{ Count: -1 }] })).toEqual(['devices']);
    expect(create({ CapAdd: ['NET_ADMIN'] })).toEqual(['added capabilities']);
    expect(create({ SecurityOpt: ['seccomp=unconfined'] })).toEqual(['security options']);
    expect(create({ Mounts: [{ Type: 'volume', VolumeOptions: { DriverConfig: { Options: { o: 'bind', device: '/' } } } }] })).toEqual(['volume driver options']);
  });

  it('reads keys without regard to case, as the engine does', () => {
    expect(bodyEscapes('container-create', { hostconfig: { privileged: true, '\u017fecurityopt': ['label=disable'], binds: ['/:/h'] } })).toEqual([
      'privileged mode',
      'host bind mounts',
      'security options',
    ]);
    expect(bodyEscapes('exec-create', { PRIVILEGED: true })).toEqual(['privileged mode']);
    expect(bodyEscapes('service-spec', { tasktemplate: { containerspec: { mounts: [{ type: 'bind' }], capabilityadd: ['ALL'] } } })).toEqual([
      'bind mounts of host paths',
      'added capabilities (ALL)',
    ]);
  });

  it('checks exec and volume bodies', () => {
    expect(bodyEscapes('exec-create', { Cmd: ['sh'], Privileged: true })).toEqual(['privileged mode']);
    expect(bodyEscapes('exec-create', { Cmd: ['sh'] })).toEqual([]);
    expect(bodyEscapes('volume-create', { Name: 'v', DriverOpts: { type: 'none', o: 'bind', device: '/' } })).toEqual(['volume driver options']);
    expect(bodyEscapes('volume-create', { Name: 'v', DriverOpts: {} })).toEqual([]);
  });

  it('names host-escaping service options, with the host network known by the targets the engine resolved', () => {
    expect(bodyEscapes('service-spec', service({ Mounts: [{ Type: 'volume' }] }, { Networks: [{ Target: 'overlay1' }] }))).toEqual([]);
    expect(bodyEscapes('service-spec', service({ Mounts: [{ Type: 'bind', Source: '/' }], CapabilityAdd: ['CAP_NET_ADMIN'] }))).toEqual([
      'bind mounts of host paths',
      'added capabilities (CAP_NET_ADMIN)',
    ]);
    const onHost = service({}, { Networks: [{ Target: '8w04gk0tflij891o0fhuf65df' }] });
    expect(serviceNetworkTargets(onHost)).toEqual(['8w04gk0tflij891o0fhuf65df']);
    expect(bodyEscapes('service-spec', onHost)).toEqual([]);
    expect(bodyEscapes('service-spec', onHost, { hostNetworkTargets: ['8w04gk0tflij891o0fhuf65df'], escapingVolumes: [] })).toEqual(["the host's network"]);
    expect(bodyEscapes('service-spec', { Name: 's', Networks: [{ Target: 'host' }] })).toEqual(["the host's network"]);
    expect(bodyEscapes('service-spec', service({ Privileges: { Seccomp: { Mode: 'unconfined' }, AppArmor: { Mode: 'default' } } }))).toEqual([
      'security options (seccomp=unconfined)',
    ]);
    expect(bodyEscapes('service-spec', { Name: 'p', TaskTemplate: { Runtime: 'plugin', PluginSpec: { Name: 'x' } } })).toEqual(['plugin tasks']);
  });

  it("names a service's named volume that exists with driver options, as the engine reported it", () => {
    const mounts = service({ mounts: [{ type: 'volume', source: 'data', target: '/d' }, { Type: 'volume', Source: 'opts', VolumeOptions: { DriverConfig: { Options: { o: 'bind' } } } }, { Type: 'volume' }] });
    // Only "data" is looked up: "opts" brings its own options (refused as such), the third is anonymous.
    expect(namedVolumesToCheck(serviceMounts(mounts))).toEqual(['data']);
    expect(bodyEscapes('service-spec', mounts, { hostNetworkTargets: [], escapingVolumes: ['data'] })).toEqual([
      'volume driver options',
      'the volume data, which was made with driver options',
    ]);
  });

  it('refuses a field of the wrong type instead of guessing', () => {
    expect(() => create({ Privileged: 'yes' })).toThrow(BodyShapeError);
    expect(() => create({ Privileged: 'yes' })).toThrow(/at HostConfig\.Privileged/);
    expect(() => bodyEscapes('service-spec', { TaskTemplate: { ContainerSpec: { CapabilityAdd: 'ALL' } } })).toThrow(BodyShapeError);
  });

  it('lists the containers a new one would share namespaces or volumes with', () => {
    expect(sharedContainers({ NetworkMode: 'container:web', PidMode: 'container:db', IpcMode: 'shareable', VolumesFrom: ['data:ro', 'web'] })).toEqual(['web', 'db', 'data']);
    expect(sharedContainers({ NetworkMode: 'bridge' })).toEqual([]);
    expect(namedVolumes({ Binds: ['data:/data', '/srv:/srv', 'logs:/logs:ro'], Mounts: [{ Type: 'volume', Source: 'cache' }, { Type: 'bind', Source: '/x' }, { Type: 'volume' }] })).toEqual([
      'data',
      'logs',
      'cache',
    ]);
  });
});
