import { describe, expect, it } from 'vitest';
import { decide } from './testing/decide';
import { hex64 } from './testing/fake-resolver';
import type { PolicyDecision } from './types';

const CREATE = '/v1.41/containers/create?name=app';

function refusal(decision: PolicyDecision): { status: number; field: string | undefined; reason: string } {
  if (decision.allow) throw new Error(`expected a refusal, got ${JSON.stringify(decision.request)}`);
  return { status: decision.status, field: decision.field, reason: decision.reason };
}

function forwarded(decision: PolicyDecision): Record<string, unknown> {
  if (!decision.allow) throw new Error(`expected it allowed, got ${decision.status} ${decision.field ?? ''}: ${decision.reason}`);
  return decision.request.body as Record<string, unknown>;
}

const hostConfigOf = (decision: PolicyDecision): Record<string, unknown> => forwarded(decision).HostConfig as Record<string, unknown>;

/** What the docker CLI sends for `docker run -d nginx`: every HostConfig field, at its zero value. */
const CLI_BODY = {
  Hostname: '', Domainname: '', User: '', AttachStdin: false, AttachStdout: false, AttachStderr: false, Tty: false, OpenStdin: false, StdinOnce: false,
  Env: null, Cmd: null, Image: 'nginx', Volumes: {}, WorkingDir: '', Entrypoint: null, OnBuild: null, Labels: {},
  HostConfig: {
    Binds: null, ContainerIDFile: '', LogConfig: { Type: '', Config: {} }, NetworkMode: 'default', PortBindings: {}, RestartPolicy: { Name: 'no', MaximumRetryCount: 0 },
    AutoRemove: false, VolumeDriver: '', VolumesFrom: null, CapAdd: null, CapDrop: null, CgroupnsMode: '', Dns: [], DnsOptions: [], DnsSearch: [], ExtraHosts: null,
    GroupAdd: null, IpcMode: '', Cgroup: '', Links: null, OomScoreAdj: 0, PidMode: '', Privileged: false, PublishAllPorts: false, ReadonlyRootfs: false,
    SecurityOpt: null, UTSMode: '', UsernsMode: '', ShmSize: 0, ConsoleSize: [0, 0], Isolation: '', CpuShares: 0, Memory: 0, NanoCpus: 0, CgroupParent: '',
    BlkioWeight: 0, BlkioWeightDevice: [], BlkioDeviceReadBps: null, BlkioDeviceWriteBps: null, BlkioDeviceReadIOps: null, BlkioDeviceWriteIOps: null,
    CpuPeriod: 0, CpuQuota: 0, CpuRealtimePeriod: 0, CpuRealtimeRuntime: 0, CpusetCpus: '', CpusetMems: '', Devices: [], DeviceCgroupRules: null,
    DeviceRequests: null, KernelMemory: 0, KernelMemoryTCP: 0, MemoryReservation: 0, MemorySwap: 0, MemorySwappiness: null, OomKillDisable: false,
    PidsLimit: null, Ulimits: null, CpuCount: 0, CpuPercent: 0, IOMaximumIOps: 0, IOMaximumBandwidth: 0, MaskedPaths: null, ReadonlyPaths: null,
  },
  NetworkingConfig: { EndpointsConfig: {} },
};

describe('container create, as the engine decodes it', () => {
  it('allows what the docker CLI sends for a plain run, and says CgroupnsMode private', async () => {
    const decision = await decide('POST', CREATE, CLI_BODY);
    expect(hostConfigOf(decision)).toMatchObject({ NetworkMode: 'default', CgroupnsMode: 'private', RestartPolicy: { Name: 'no' } });
    expect(decision.allow && decision.request.path).toBe('/v1.41/containers/create?name=app');
  });

  it('allows an admin everything, forwarding the body as sent', async () => {
    const body = { Image: 'x', HostConfig: { Privileged: true, Binds: ['/:/host'], PidMode: 'host' } };
    const decision = await decide('POST', CREATE, body, 'admin');
    expect(decision.allow && decision.request.rawBody).toBe(JSON.stringify(body));
  });

  describe('legacy top-level host settings', () => {
    for (const [field, value] of [
      ['Privileged', true],
      ['Binds', ['/:/host']],
      ['PidMode', 'host'],
      ['NetworkMode', 'host'],
      ['IpcMode', 'host'],
      ['MaskedPaths', []],
    ] as const) {
      it(`refuses ${field} at the top level with no HostConfig, and with HostConfig null`, async () => {
        for (const body of [{ Image: 'x', [field]: value }, { Image: 'x', HostConfig: null, [field]: value }, { Image: 'x', [field.toLowerCase()]: value }]) {
          const refused = refusal(await decide('POST', CREATE, body));
          expect(refused.status).toBe(403);
          expect(refused.field?.startsWith(field)).toBe(true);
        }
      });
    }

    it('refuses a top-level setting the engine would ignore beside HostConfig, rather than forward an ambiguous body', async () => {
      expect(refusal(await decide('POST', CREATE, { Image: 'x', HostConfig: {}, Privileged: true }))).toMatchObject({ status: 400, field: 'Privileged' });
    });

    it('moves top-level host settings into HostConfig, as the engine reads them', async () => {
      const decision = await decide('POST', CREATE, { Image: 'x', HostConfig: null, memory: 1048576, RestartPolicy: { name: 'ALWAYS' } });
      expect(forwarded(decision)).toEqual({ Image: 'x', HostConfig: { Memory: 1048576, RestartPolicy: { Name: 'always' }, CgroupnsMode: 'private' } });
    });

    it('merges the five fields the engine takes from the top level when HostConfig leaves them zero', async () => {
      const decision = await decide('POST', CREATE, { Image: 'x', HostConfig: { memory: 0, CpuShares: 512 }, Memory: 4194304, CpuShares: 2, Cpuset: '0-1' });
      expect(hostConfigOf(decision)).toMatchObject({ Memory: 4194304, CpuShares: 512, CpusetCpus: '0-1' });
      expect(forwarded(decision)).not.toHaveProperty('Memory');
    });
  });

  describe('Go decoding', () => {
    it('matches keys without regard to case and forwards the canonical spelling', async () => {
      expect(refusal(await decide('POST', CREATE, { image: 'x', hostconfig: { PRIVILEGED: true } }))).toMatchObject({ status: 403, field: 'HostConfig.Privileged' });
      // Go folds ſ into S and the Kelvin sign into K.
      expect(refusal(await decide('POST', CREATE, { Image: 'x', HostConfig: { '\u017fecurityopt': ['seccomp=unconfined'] } }))).toMatchObject({ field: 'HostConfig.SecurityOpt[0]' });
      expect(refusal(await decide('POST', CREATE, { Image: 'x', HostConfig: { 'lin\u212as': ['nowhere:x'] } }))).toMatchObject({ status: 404, field: 'HostConfig.Links[0]' });
      expect(forwarded(await decide('POST', CREATE, { image: 'x', hostconfig: { readonlyrootfs: true } }))).toMatchObject({ Image: 'x', HostConfig: { ReadonlyRootfs: true } });
    });

    it('reads escaped keys as the engine does', async () => {
      expect(refusal(await decide('POST', CREATE, '{"Image":"x","HostConfig":{"\\u0050rivileged":true}}'))).toMatchObject({ status: 403, field: 'HostConfig.Privileged' });
      expect(refusal(await decide('POST', CREATE, '{"Image":"x","HostConfig":{"Privileged":false,"\\u0070rivileged":true}}'))).toMatchObject({ status: 400 });
    });

    it('refuses a key repeated in another case, at any depth', async () => {
      const body = '{"Image":"x","HostConfig":{"Privileged":false,"privileged":true}}';
      expect(refusal(await decide('POST', CREATE, body))).toMatchObject({ status: 400 });
      expect(refusal(await decide('POST', CREATE, '{"Image":"x","hostConfig":{},"HostConfig":{"Privileged":true}}'))).toMatchObject({ status: 400 });
    });

    it('keeps a "__proto__" label as a label', async () => {
      const decision = await decide('POST', CREATE, '{"Image":"x","Labels":{"__proto__":"a","b":"c"}}');
      expect(JSON.stringify(forwarded(decision).Labels)).toBe('{"__proto__":"a","b":"c"}');
    });

    it('treats null objects as absent', async () => {
      expect(hostConfigOf(await decide('POST', CREATE, { Image: 'x', HostConfig: { LogConfig: null, RestartPolicy: null } }))).toEqual({ CgroupnsMode: 'private' });
    });

    it('refuses a field it does not know unless at its zero value', async () => {
      expect(refusal(await decide('POST', CREATE, { Image: 'x', HostConfig: { Future: 'x' } }))).toMatchObject({ status: 403, field: 'HostConfig.Future' });
      expect(forwarded(await decide('POST', CREATE, { Image: 'x', HostConfig: { Future: '' } }))).toEqual({ Image: 'x', HostConfig: { CgroupnsMode: 'private' } });
    });

    it('refuses a body that is not JSON (400)', async () => {
      expect(refusal(await decide('POST', CREATE, '{"Image":'))).toMatchObject({ status: 400 });
    });
  });

  describe('namespaces and profile overrides', () => {
    for (const [field, value] of [
      ['PidMode', 'host'], ['PidMode', 'HOST'], ['IpcMode', 'host'], ['UTSMode', 'host'], ['UsernsMode', 'host'], ['UsernsMode', 'Host'],
      ['CgroupnsMode', 'host'], ['CgroupnsMode', 'HOST'], ['NetworkMode', 'host'], ['NetworkMode', 'HOST'], ['Runtime', 'io.containerd.runsc.v1'],
      ['Runtime', 'nvidia'], ['MaskedPaths', []], ['ReadonlyPaths', []], ['MaskedPaths', ['/proc/kcore']], ['Privileged', true], ['Cgroup', 'container:web'],
      ['CgroupParent', '/'], ['Devices', [{ PathOnHost: '/dev/sda', PathInContainer: '/dev/sda', CgroupPermissions: 'rwm' }]], ['DeviceCgroupRules', ['a *:* rwm']],
      ['DeviceRequests', [{ Count: -1, Capabilities: [['gpu']] }]], ['SecurityOpt', ['seccomp=unconfined']], ['SecurityOpt', ['apparmor=unconfined']],
      ['SecurityOpt', ['label=disable']], ['SecurityOpt', ['systempaths=unconfined']], ['StorageOpt', { size: '1G' }], ['Capabilities', ['CAP_SYS_ADMIN']],
      ['Sysctls', { 'kernel.core_pattern': '|/bin/sh' }], ['Sysctls', { 'net/ipv4/ip_forward': '1' }], ['Isolation', 'hyperv'], ['CpuRealtimeRuntime', 1000], ['OomScoreAdj', -1000], ['OomKillDisable', true],
      ['BlkioDeviceReadBps', [{ Path: '/dev/sda', Rate: 1 }]], ['Ulimits', [{ Name: 'nofile', Soft: 1, Hard: 2 }, { Name: 'RTPRIO', Soft: 99, Hard: 99 }]], ['LogConfig', { Type: 'syslog', Config: { 'syslog-address': 'unix:///run/systemd/journal/socket' } }],
      ['LogConfig', { Type: 'json-file', Config: { 'syslog-address': 'x' } }], ['VolumeDriver', 'convoy'], ['ContainerIDFile', '/etc/passwd'],
    ] as const) {
      it(`refuses HostConfig.${field} = ${JSON.stringify(value)}`, async () => {
        const decision = refusal(await decide('POST', CREATE, { Image: 'x', HostConfig: { [field]: value } }));
        expect(decision.status).toBe(403);
        expect(decision.field?.startsWith(`HostConfig.${field}`)).toBe(true);
      });
    }

    it('allows the baseline capabilities in any spelling, forwarded as CAP_<NAME>', async () => {
      expect(hostConfigOf(await decide('POST', CREATE, { Image: 'x', HostConfig: { CapAdd: ['chown', 'CAP_NET_BIND_SERVICE', 'Kill'], CapDrop: ['ALL'] } }))).toMatchObject({
        CapAdd: ['CAP_CHOWN', 'CAP_NET_BIND_SERVICE', 'CAP_KILL'],
        CapDrop: ['ALL'],
      });
    });

    for (const capability of ['SYS_ADMIN', 'cap_sys_admin', 'ALL', 'all', 'NET_ADMIN', 'SYS_PTRACE', 'DAC_READ_SEARCH']) {
      it(`refuses CapAdd ${capability}`, async () => {
        expect(refusal(await decide('POST', CREATE, { Image: 'x', HostConfig: { CapAdd: ['CHOWN', capability] } }))).toMatchObject({ status: 403, field: 'HostConfig.CapAdd[1]' });
      });
    }

    it('allows the namespaced safe sysctls, no-new-privileges, the local log drivers and private modes', async () => {
      const hostConfig = { Sysctls: { 'net.ipv4.ip_unprivileged_port_start': '0', 'net/ipv4/tcp_syncookies': '1' }, SecurityOpt: ['no-new-privileges:true'], LogConfig: { Type: 'JSON-File', Config: { 'max-size': '10m' } }, Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 4096 }], IpcMode: 'Private', CgroupnsMode: 'PRIVATE', Runtime: 'runc', Isolation: 'default' };
      expect(hostConfigOf(await decide('POST', CREATE, { Image: 'x', HostConfig: hostConfig }))).toMatchObject({ IpcMode: 'private', CgroupnsMode: 'private', SecurityOpt: ['no-new-privileges'], LogConfig: { Type: 'json-file' } });
    });
  });

  describe('storage', () => {
    for (const bind of ['/:/host', '/var/run/docker.sock:/var/run/docker.sock', '/etc:/etc:ro', './x:/x', '~/x:/x', '..:/x']) {
      it(`refuses the bind ${bind}`, async () => {
        expect(refusal(await decide('POST', CREATE, { Image: 'x', HostConfig: { Binds: ['data:/data', bind] } }))).toMatchObject({ status: 403, field: 'HostConfig.Binds[1]' });
      });
    }

    it('allows named and anonymous volumes', async () => {
      expect(hostConfigOf(await decide('POST', CREATE, { Image: 'x', HostConfig: { Binds: ['data:/data:ro', '/anonymous', '/anon2:ro', 'fresh:/fresh'] } }))).toMatchObject({ Binds: ['data:/data:ro', '/anonymous', '/anon2:ro', 'fresh:/fresh'] });
    });

    it('refuses a named volume that was made with bind options, by Binds and by Mounts', async () => {
      expect(refusal(await decide('POST', CREATE, { Image: 'x', HostConfig: { Binds: ['hostroot:/h'] } }))).toMatchObject({ status: 403, field: 'HostConfig.Binds[0]' });
      expect(refusal(await decide('POST', CREATE, { Image: 'x', HostConfig: { Mounts: [{ Type: 'volume', Source: 'hostroot', Target: '/h' }] } }))).toMatchObject({ status: 403, field: 'HostConfig.Mounts[0].Source' });
    });

    for (const type of ['bind', 'BIND', 'Bind', 'npipe', 'cluster']) {
      it(`refuses a mount of type ${type}`, async () => {
        expect(refusal(await decide('POST', CREATE, { Image: 'x', HostConfig: { Mounts: [{ Type: type, Source: '/', Target: '/host' }] } }))).toMatchObject({ status: 403, field: 'HostConfig.Mounts[0].Type' });
      });
    }

    it('refuses a mount without a type, and volume driver options in any case', async () => {
      expect(refusal(await decide('POST', CREATE, { Image: 'x', HostConfig: { Mounts: [{ Source: 'data', Target: '/d' }] } }))).toMatchObject({ field: 'HostConfig.Mounts[0].Type' });
      const options = { type: { Type: 'VOLUME', Source: 'new', Target: '/d', volumeoptions: { driverconfig: { options: { type: 'none', o: 'bind', device: '/' } } } } };
      expect(refusal(await decide('POST', CREATE, { Image: 'x', HostConfig: { Mounts: [options.type] } }))).toMatchObject({ field: 'HostConfig.Mounts[0].VolumeOptions.DriverConfig.Options' });
      expect(refusal(await decide('POST', CREATE, { Image: 'x', HostConfig: { Mounts: [{ Type: 'volume', Target: '/d', BindOptions: { Propagation: 'rshared' } }] } }))).toMatchObject({ field: 'HostConfig.Mounts[0].BindOptions' });
    });

    it('allows volume and tmpfs mounts, their type forwarded in lower case', async () => {
      const mounts = [{ Type: 'Volume', Source: 'data', Target: '/d' }, { type: 'TMPFS', target: '/t', tmpfsoptions: { SizeBytes: 1024 } }];
      expect(hostConfigOf(await decide('POST', CREATE, { Image: 'x', HostConfig: { Mounts: mounts } })).Mounts).toEqual([
        { Type: 'volume', Source: 'data', Target: '/d' },
        { Type: 'tmpfs', Target: '/t', TmpfsOptions: { SizeBytes: 1024 } },
      ]);
    });

    it('allows VolumesFrom a contained container, by id; refuses one that mounts the host', async () => {
      expect(hostConfigOf(await decide('POST', CREATE, { Image: 'x', HostConfig: { VolumesFrom: ['web:ro'] } })).VolumesFrom).toEqual([`${hex64('1f')}:ro`]);
      expect(refusal(await decide('POST', CREATE, { Image: 'x', HostConfig: { VolumesFrom: ['rooted'] } }))).toMatchObject({ status: 403, field: 'HostConfig.VolumesFrom[0]' });
      expect(refusal(await decide('POST', CREATE, { Image: 'x', HostConfig: { VolumesFrom: ['with-bound-volume'] } }))).toMatchObject({ status: 403 });
    });
  });

  describe('networks', () => {
    it('refuses the host network by name, by full id and by short id', async () => {
      for (const ref of ['host', hex64('a1'), hex64('a1').slice(0, 12), 'swarm-host', hex64('e5')]) {
        expect(refusal(await decide('POST', CREATE, { Image: 'x', HostConfig: { NetworkMode: ref } }))).toMatchObject({ status: 403, field: 'HostConfig.NetworkMode' });
        expect(refusal(await decide('POST', CREATE, { Image: 'x', NetworkingConfig: { EndpointsConfig: { [ref]: {} } } }))).toMatchObject({ status: 403, field: `NetworkingConfig.EndpointsConfig.${ref}` });
      }
    });

    it('forwards a user network by its id, in NetworkMode and as the EndpointsConfig key', async () => {
      const decision = await decide('POST', CREATE, { Image: 'x', HostConfig: { NetworkMode: 'flat' }, NetworkingConfig: { EndpointsConfig: { flat: { IPAMConfig: { IPv4Address: '10.0.0.9' } } } } });
      expect(hostConfigOf(decision).NetworkMode).toBe(hex64('d4'));
      expect(forwarded(decision).NetworkingConfig).toEqual({ EndpointsConfig: { [hex64('d4')]: { IPAMConfig: { IPv4Address: '10.0.0.9' } } } });
    });

    it('refuses a network that does not exist (404) and endpoint fields the engine sets', async () => {
      expect(refusal(await decide('POST', CREATE, { Image: 'x', HostConfig: { NetworkMode: 'nowhere' } }))).toMatchObject({ status: 404, field: 'HostConfig.NetworkMode' });
      expect(refusal(await decide('POST', CREATE, { Image: 'x', NetworkingConfig: { EndpointsConfig: { flat: { NetworkID: hex64('a1') } } } }))).toMatchObject({ status: 403, field: 'NetworkingConfig.EndpointsConfig.flat.NetworkID' });
    });

    it('allows container:<x> for a contained container, forwarded by id', async () => {
      expect(hostConfigOf(await decide('POST', CREATE, { Image: 'x', HostConfig: { NetworkMode: 'container:web', PidMode: 'Container:1f1f' } }))).toMatchObject({
        NetworkMode: `container:${hex64('1f')}`,
        PidMode: `container:${hex64('1f')}`,
      });
    });

    for (const target of ['hostnet', 'privileged', 'rooted', 'sharer', 'unmasked', hex64('3d').slice(0, 12)]) {
      it(`refuses container:${target}, which has the host`, async () => {
        expect(refusal(await decide('POST', CREATE, { Image: 'x', HostConfig: { NetworkMode: `container:${target}` } }))).toMatchObject({ status: 403, field: 'HostConfig.NetworkMode' });
        expect(refusal(await decide('POST', CREATE, { Image: 'x', HostConfig: { IpcMode: `container:${target}` } }))).toMatchObject({ status: 403, field: 'HostConfig.IpcMode' });
      });
    }

    it('forwards links by container id', async () => {
      expect(hostConfigOf(await decide('POST', CREATE, { Image: 'x', HostConfig: { Links: ['/web:db'] } })).Links).toEqual([`${hex64('1f')}:db`]);
    });
  });

  describe('API versions', () => {
    it('pins the newest version when none is given', async () => {
      const decision = await decide('POST', '/containers/create', { Image: 'x' });
      expect(decision.allow && decision.request.path).toBe('/v1.41/containers/create');
    });

    it('forwards a supported version as given', async () => {
      for (const version of ['1.24', '1.30', '1.40', '1.41']) {
        const decision = await decide('POST', `/v${version}/containers/create`, { Image: 'x' });
        expect(decision.allow && decision.request.version).toBe(version);
      }
    });

    it('refuses versions below 1.24 and above 1.41, and odd spellings, for admins too', async () => {
      for (const version of ['1.12', '1.23', '1.42', '1.44', '2.0', '0.41', '1.41.0', '1', '1..41']) {
        const decision = await decide('POST', `/v${version}/containers/create`, { Image: 'x' }, 'admin');
        expect(refusal(decision)).toMatchObject({ status: 400, field: 'path' });
      }
    });
  });
});
