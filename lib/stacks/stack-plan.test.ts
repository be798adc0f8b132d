import { describe, expect, it } from 'vitest';
import { ComposeFileError } from './compose-error';
import { planStack } from './stack-plan';

const plan = (text: string, env?: string) => planStack('shop', text, env);
const only = (text: string, env?: string) => {
  const [service] = plan(text, env).services;
  if (!service) throw new Error('no service');
  return service.spec;
};
const refusal = (text: string): { path: string; message: string } => {
  try {
    plan(text);
  } catch (error) {
    if (error instanceof ComposeFileError) return { path: error.path, message: error.message };
    throw error;
  }
  throw new Error('not refused');
};

describe('planStack: names, labels and networks as docker stack deploy', () => {
  it('scopes names with the stack, labels everything with the namespace and the image, and makes <stack>_default', () => {
    const result = plan('services:\n  web:\n    image: nginx:1.27\n    labels: [tier=front]\n    deploy:\n      labels:\n        role: web\n');
    const spec = result.services[0]?.spec;
    expect(spec).toMatchObject({
      Name: 'shop_web',
      Labels: { role: 'web', 'com.docker.stack.namespace': 'shop', 'com.docker.stack.image': 'nginx:1.27' },
      TaskTemplate: { ContainerSpec: { Image: 'nginx:1.27', Labels: { tier: 'front', 'com.docker.stack.namespace': 'shop' } }, Networks: [{ Target: 'shop_default', Aliases: ['web'] }] },
      Mode: { Replicated: {} },
    });
    expect(spec?.Labels).not.toHaveProperty('tier');
    expect(result.networks).toEqual([{ Name: 'shop_default', Driver: 'overlay', Labels: { 'com.docker.stack.namespace': 'shop' } }]);
    expect(result.externalNetworks).toEqual([]);
  });

  it('attaches external networks (the swarm flat network) by their own name and creates none for them', () => {
    const result = plan('services:\n  web:\n    image: x\n    networks: [flat, back]\nnetworks:\n  flat:\n    external: true\n    name: swarm-flat\n  back:\n    driver: overlay\n    attachable: true\n');
    expect(result.externalNetworks).toEqual(['swarm-flat']);
    expect(result.networks.map((network) => [network.Name, network.Attachable])).toEqual([['shop_back', true]]);
    expect(result.services[0]?.spec.TaskTemplate?.Networks).toEqual([
      { Target: 'shop_back', Aliases: ['web'] },
      { Target: 'swarm-flat', Aliases: ['web'] },
    ]);
  });

  it('converts deploy: replicas, resources, placement, update and restart policies', () => {
    const spec = only(`
services:
  api:
    image: x
    deploy:
      replicas: 3
      resources:
        limits: {cpus: "0.5", memory: 128M, pids: 100}
        reservations: {cpus: "0.1", memory: 1G}
      placement:
        constraints: [node.role == worker]
        preferences: [{spread: node.labels.zone}]
        max_replicas_per_node: 2
      update_config: {parallelism: 2, delay: 10s, order: start-first, failure_action: rollback, monitor: 1m30s, max_failure_ratio: 0.25}
      restart_policy: {condition: on-failure, delay: 5s, max_attempts: 3, window: 2m}
`);
    expect(spec.Mode).toEqual({ Replicated: { Replicas: 3 } });
    expect(spec.TaskTemplate?.Resources).toEqual({ Limits: { NanoCPUs: 500_000_000, MemoryBytes: 128 * 1024 ** 2, Pids: 100 }, Reservations: { NanoCPUs: 100_000_000, MemoryBytes: 1024 ** 3 } });
    expect(spec.TaskTemplate?.Placement).toEqual({ Constraints: ['node.role == worker'], Preferences: [{ Spread: { SpreadDescriptor: 'node.labels.zone' } }], MaxReplicas: 2 });
    expect(spec.UpdateConfig).toEqual({ Parallelism: 2, Delay: 10e9, FailureAction: 'rollback', Monitor: 90e9, MaxFailureRatio: 0.25, Order: 'start-first' });
    expect(spec.TaskTemplate?.RestartPolicy).toEqual({ Condition: 'on-failure', Delay: 5e9, MaxAttempts: 3, Window: 120e9 });
  });

  it('reads global mode, the legacy restart key, and refuses replicas with global', () => {
    expect(only('services:\n  a:\n    image: x\n    restart: always\n    deploy: {mode: global}\n')).toMatchObject({ Mode: { Global: {} }, TaskTemplate: { RestartPolicy: { Condition: 'any' } } });
    expect(refusal('services:\n  a:\n    image: x\n    deploy: {mode: global, replicas: 2}\n').path).toBe('services.a.deploy.replicas');
  });

  it('converts ports (short and long syntax, sorted), environment (sorted, from the env file), command and entrypoint', () => {
    const spec = only(
      'services:\n  a:\n    image: x\n    ports: ["8080:80", "53:53/udp", {target: 443, published: 8443, mode: host}]\n    environment:\n      Z: last\n      A: "1"\n      FROM_FILE:\n    entrypoint: sh -c\n    command: \'echo "hello world"\'\n',
      'FROM_FILE=yes\n',
    );
    expect(spec.EndpointSpec?.Ports).toEqual([
      { Protocol: 'udp', TargetPort: 53, PublishedPort: 53, PublishMode: 'ingress' },
      { Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' },
      { TargetPort: 443, PublishedPort: 8443, PublishMode: 'host' },
    ]);
    expect(spec.TaskTemplate?.ContainerSpec).toMatchObject({ Env: ['A=1', 'FROM_FILE=yes', 'Z=last'], Command: ['sh', '-c'], Args: ['echo', 'hello world'] });
  });

  it('converts the healthcheck, and disable to NONE', () => {
    expect(only('services:\n  a:\n    image: x\n    healthcheck:\n      test: curl -f localhost\n      interval: 30s\n      retries: 3\n').TaskTemplate?.ContainerSpec?.HealthCheck).toEqual({ Test: ['CMD-SHELL', 'curl -f localhost'], Interval: 30e9, Retries: 3 });
    expect(only('services:\n  a:\n    image: x\n    healthcheck: {disable: true}\n').TaskTemplate?.ContainerSpec?.HealthCheck).toEqual({ Test: ['NONE'] });
  });

  it('turns volumes into mounts: stack volumes scoped and labelled, external ones by name, binds, tmpfs, anonymous', () => {
    const spec = only('services:\n  a:\n    image: x\n    volumes:\n      - data:/data:ro\n      - shared:/shared\n      - /srv/www:/www\n      - /anon\n      - {type: tmpfs, target: /tmp, tmpfs: {size: 1m}}\nvolumes:\n  data: {driver_opts: {type: nfs}}\n  shared: {external: true}\n');
    expect(spec.TaskTemplate?.ContainerSpec?.Mounts).toEqual([
      { Type: 'volume', Target: '/data', ReadOnly: true, Source: 'shop_data', VolumeOptions: { Labels: { 'com.docker.stack.namespace': 'shop' }, DriverConfig: { Options: { type: 'nfs' } } } },
      { Type: 'volume', Target: '/shared', Source: 'shared', VolumeOptions: {} },
      { Type: 'bind', Target: '/www', Source: '/srv/www' },
      { Type: 'volume', Target: '/anon' },
      { Type: 'tmpfs', Target: '/tmp', TmpfsOptions: { SizeBytes: 1024 * 1024 } },
    ]);
  });

  it('interpolates ${VAR}s from the env file with defaults and required values', () => {
    expect(only('services:\n  a:\n    image: "${IMAGE}:${TAG:-latest}"\n    command: echo $$HOME\n', 'IMAGE=busybox\n').TaskTemplate?.ContainerSpec).toMatchObject({ Image: 'busybox:latest', Args: ['echo', '$HOME'] });
    expect(refusal('services:\n  a:\n    image: "${IMAGE:?set IMAGE}"\n')).toMatchObject({ path: 'services.a.image', message: expect.stringContaining('set IMAGE') });
  });

  it('refuses, naming the path and why: privileged, host namespaces, relative binds, undeclared networks and volumes, unknown keys, secrets', () => {
    expect(refusal('services:\n  a:\n    image: x\n    privileged: true\n')).toMatchObject({ path: 'services.a.privileged', message: expect.stringContaining('cannot run privileged') });
    expect(refusal('services:\n  a:\n    image: x\n    network_mode: host\n').path).toBe('services.a.network_mode');
    expect(refusal('services:\n  a:\n    image: x\n    pid: host\n').path).toBe('services.a.pid');
    expect(refusal('services:\n  a:\n    image: x\n    volumes: ["./src:/src"]\n')).toMatchObject({ path: 'services.a.volumes[0]', message: expect.stringContaining('relative') });
    expect(refusal('services:\n  a:\n    image: x\n    networks: [nope]\n').path).toBe('services.a.networks.nope');
    expect(refusal('services:\n  a:\n    image: x\n    volumes: ["nope:/x"]\n').path).toBe('services.a.volumes[0]');
    expect(refusal('services:\n  a:\n    image: x\n    imagee: y\n').path).toBe('services.a.imagee');
    expect(refusal('services:\n  a:\n    build: .\n').path).toBe('services.a.image');
    // Stack secrets are converted now (compose-file-objects.test.ts); one read from the deploying machine's environment is still refused.
    expect(refusal('services:\n  a:\n    image: x\nsecrets:\n  s: {environment: S}\n').path).toBe('secrets.s.environment');
    expect(refusal('version: "2.4"\nservices:\n  a:\n    image: x\n').path).toBe('version');
    expect(refusal('services: [').path).toBe('(file)');
  });

  it('ignores what docker stack deploy ignores, and says so', () => {
    expect(plan('services:\n  a:\n    image: x\n    container_name: one\n    depends_on: [b]\n  b:\n    image: x\n').ignored).toEqual(['services.a.container_name', 'services.a.depends_on']);
  });
});
