import { describe, expect, it } from 'vitest';
import { fieldErrorsFrom } from '@/lib/api/field-errors';
import { cpusetProblem, parseCpuset } from './cpuset';
import { createContainerSchema, updateLimitsSchema } from './container-schema';
import { hostEscapingFields, hostEscapingSettings } from '@/lib/policy/host-escaping';
import { toContainerSummary, toSummaryFromList } from './container-summary';
import { engineUrlsFrom, flatNetworkFrom } from '@/lib/config/engine-list';

function fieldsOf(body: unknown): Record<string, string> {
  const parsed = createContainerSchema.safeParse(body);
  if (parsed.success) return {};
  return Object.fromEntries(fieldErrorsFrom(parsed.error).map((field) => [field.path, field.message]));
}

describe('createContainerSchema', () => {
  it('gives every bad field its own message', () => {
    const fields = fieldsOf({
      image: '',
      name: '-bad',
      env: ['NOEQUALS'],
      ports: [{ containerPort: 70000 }],
      volumes: [{ source: 'a b', target: 'relative' }],
      restartPolicy: 'sometimes',
      ipv4Address: '10.0.0.300',
      cpus: 0,
      cpuset: '0-',
      memoryMb: 2,
      capAdd: ['net_admin'],
      cpu: 2,
    });
    expect(fields).toEqual({
      image: 'Give an image, e.g. busybox:latest',
      name: 'Use letters, digits, dots, dashes and underscores, starting with a letter or digit',
      'env.0': 'Write NAME=value; the name is letters, digits and underscores',
      'ports.0.containerPort': 'Ports end at 65535',
      'volumes.0.source': 'A volume name is letters, digits, dots, dashes and underscores; a host path starts with /',
      'volumes.0.target': 'The path in the container starts with /',
      restartPolicy: 'Choose one of: no, always, unless-stopped, on-failure',
      ipv4Address: 'A fixed address is an IPv4 address, e.g. 10.0.0.20',
      cpus: 'Give at least 0.01 cores',
      cpuset: 'Use core numbers and ranges, e.g. 0, 0-1 or 0,2-3',
      memoryMb: 'Docker needs at least 6 MiB',
      'capAdd.0': 'A capability is upper-case, e.g. NET_ADMIN',
      '(body)': expect.stringContaining('cpu'),
    });
  });

  it('accepts a full, valid request and fills the defaults', () => {
    const parsed = createContainerSchema.parse({ image: 'busybox', cpus: 1.5, cpuset: '0,2-3', ports: [{ containerPort: 80, hostPort: 8080 }] });
    expect(parsed).toMatchObject({ restartPolicy: 'no', start: true, privileged: false, ports: [{ protocol: 'tcp' }] });
    expect(fieldsOf({ image: 'busybox', cpus: 0.333 })).toEqual({ cpus: 'Use at most two decimals' });
  });

  it('needs at least one limit to update', () => {
    expect(updateLimitsSchema.safeParse({}).success).toBe(false);
    expect(updateLimitsSchema.safeParse({ memoryMb: 64 }).success).toBe(true);
  });
});

describe('cpusets', () => {
  it('parses ranges and says which core a host lacks', () => {
    expect(parseCpuset('0,2-3,2')).toEqual([0, 2, 3]);
    expect(parseCpuset('3-1')).toBe('The range 3-1 runs backwards: write 1-3');
    expect(cpusetProblem('0-1', 2, 'h1')).toBeNull();
    expect(cpusetProblem('1-3', 2, 'h1')).toBe('h1 has 2 cores (0-1): core 2-3 do not exist; use cores in 0-1');
  });
});

describe('host-escaping options', () => {
  it('names each option that gives the container the host', () => {
    const input = createContainerSchema.parse({
      image: 'x',
      privileged: true,
      network: 'host',
      volumes: [{ source: 'data', target: '/data' }, { source: '/etc', target: '/etc' }],
      devices: ['/dev/fuse'],
      capAdd: ['SYS_ADMIN'],
    });
    expect(hostEscapingFields(input)).toEqual(['privileged', 'network', 'volumes.1.source', 'devices', 'capAdd']);
    expect(hostEscapingFields(createContainerSchema.parse({ image: 'x', volumes: [{ source: 'data', target: '/data' }] }))).toEqual([]);
    expect(hostEscapingSettings({ Binds: ['/:/host'], PidMode: 'host', CapAdd: [] })).toEqual(['the host PID namespace', 'host bind mounts']);
  });
});

describe('toContainerSummary', () => {
  it('shows the flat network address, cores from NanoCpus, and the cpuset', () => {
    const summary = toContainerSummary(
      {
        Id: 'abc',
        Name: '/web',
        Created: '2024-01-01T00:00:00Z',
        State: { Status: 'running' },
        Config: { Image: 'busybox' },
        HostConfig: { NanoCpus: 1_500_000_000, CpusetCpus: '0-1', Memory: 0 },
        NetworkSettings: { Networks: { bridge: { IPAddress: '172.17.0.2' }, flat: { IPAddress: '10.0.0.9' } } },
      },
      'h1',
      'flat',
    );
    expect(summary).toEqual({
      id: 'abc',
      name: 'web',
      image: 'busybox',
      state: 'running',
      host: 'h1',
      network: 'flat',
      address: '10.0.0.9',
      cpus: 1.5,
      cpuset: '0-1',
      memoryBytes: null,
      created: '2024-01-01T00:00:00Z',
    });
  });
});

describe('toSummaryFromList', () => {
  it('reads the list entry and takes the limits it lacks from the cache', () => {
    const summary = toSummaryFromList(
      { Id: 'abc', Names: ['/web'], Image: 'busybox', State: 'exited', Created: 1_700_000_000, NetworkSettings: { Networks: { flat: { IPAddress: '' } } } },
      { cpus: 0.25, cpuset: null, memoryBytes: 1024 },
      'h2',
      'flat',
    );
    expect(summary).toEqual({
      id: 'abc',
      name: 'web',
      image: 'busybox',
      state: 'exited',
      host: 'h2',
      network: 'flat',
      address: null,
      cpus: 0.25,
      cpuset: null,
      memoryBytes: 1024,
      created: '2023-11-14T22:13:20.000Z',
    });
  });
});

describe('engines from the environment', () => {
  it('lists the manager, SHIPYARD_ENGINES and the lab engines, each once', () => {
    expect(engineUrlsFrom({ SHIPYARD_DOCKER: 'unix:///a.sock', SHIPYARD_ENGINES: 'tcp://h2:2376, unix:///a.sock', SHIPYARD_LAB_DOCKERS: 'unix:///a.sock,unix:///c.sock' })).toEqual([
      'unix:///a.sock',
      'tcp://h2:2376',
      'unix:///c.sock',
    ]);
    expect(flatNetworkFrom({ SHIPYARD_LAB_NETWORK: 'shipyard-lab' })).toBe('shipyard-lab');
    expect(flatNetworkFrom({ SHIPYARD_FLAT_NETWORK: 'br0', SHIPYARD_LAB_NETWORK: 'shipyard-lab' })).toBe('br0');
    expect(flatNetworkFrom({})).toBeNull();
  });
});
