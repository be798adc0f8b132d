// Secrets and configs against the real swarm, through the console's policy gate: a plain operator
// is refused them (and attaching one to a service); an operator granted secrets:write creates a
// secret whose value no answer carries, attaches it to a service whose task reads it, sees the
// service named when removing it is refused, and removes it once detached.
import { afterAll, describe, expect, it } from 'vitest';
import { parseDockerEndpoint } from '@/lib/config/docker-endpoint';
import { EngineClient } from '@/lib/docker/engine-client';
import { policyGate } from '@/lib/docker/policy-gate';
import { createService, createServiceSchema, removeService, serviceLogs, updateService, updateServiceSchema } from '@/lib/swarm/services';
import { docker, dockerOk, testImage } from '@/tests/ipam/support/docker-cli';
import { uniqueId } from '@/tests/ipam/support/fixtures';
import { testDockerUrl } from '@/tests/support/docker-client';
import { eventually } from '@/tests/support/eventually';
import { createConfig, createSecret, removeSwarmObject, SwarmObjectInUseError } from './secret-actions';
import { createConfigSchema, createSecretSchema } from './secret-schema';
import { listConfigs, listSecrets } from './secret-view';

const id = uniqueId();
const secret = `sysec-${id}`;
const config = `sycfg-${id}`;
const service = `sysec-svc-${id}`;
const refusedService = `sysec-refused-${id}`;
const VALUE = `s3cret-value-${id}`;

function gatedClient(): EngineClient {
  const endpoint = parseDockerEndpoint(testDockerUrl, {});
  if (Array.isArray(endpoint)) throw new Error(endpoint.join('; '));
  return EngineClient.connect(endpoint, { gate: policyGate });
}

describe('secrets and configs on the real swarm', () => {
  const engine = gatedClient();
  const plain = engine.as({ username: 'otto', role: 'operator' });
  const granted = engine.as({ username: 'gina', role: 'operator', grants: ['secrets:write'] });

  afterAll(async () => {
    await docker('service', 'rm', service, refusedService);
    await docker('secret', 'rm', secret);
    await docker('config', 'rm', config);
  });

  it('refuses secrets and configs to an operator without the grant', async () => {
    await expect(listSecrets(plain)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listConfigs(plain)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const refusal = await createSecret(plain, createSecretSchema.parse({ name: secret, value: VALUE })).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('secrets:') });
    expect(JSON.stringify(refusal)).not.toContain(VALUE);
    expect((await docker('secret', 'inspect', secret)).code).not.toBe(0);
  });

  it('creates a secret for a granted operator: the answer and the list carry no value, Docker holds it', async () => {
    const created = await createSecret(granted, createSecretSchema.parse({ name: secret, value: VALUE, labels: { 'shipyard-test': 'secrets' } }));
    expect(created).toMatchObject({ name: secret, labels: { 'shipyard-test': 'secrets' }, usedBy: [] });
    expect(created.id).toMatch(/^[a-z0-9]{25}$/);
    expect(JSON.stringify(created)).not.toContain(VALUE);
    const listed = (await listSecrets(granted)).find((entry) => entry.name === secret);
    expect(listed).toMatchObject({ id: created.id });
    expect(JSON.stringify(await listSecrets(granted))).not.toContain(Buffer.from(VALUE).toString('base64'));
    await expect(createSecret(granted, createSecretSchema.parse({ name: secret, value: 'other' }))).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('creates a config whose data readers see', async () => {
    const created = await createConfig(granted, createConfigSchema.parse({ name: config, data: 'listen 8080\n' }));
    expect(created).toMatchObject({ name: config, data: 'listen 8080\n' });
    expect((await listConfigs(granted)).find((entry) => entry.name === config)?.data).toBe('listen 8080\n');
  });

  it("refuses a plain operator a service that mounts the secret, naming the spec's field", async () => {
    const input = createServiceSchema.parse({ name: refusedService, image: testImage(), command: ['sleep', '600'], secrets: [{ name: secret }] });
    await expect(createService(plain, input, 'operator')).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('granted secrets:write') });
    expect((await docker('service', 'inspect', refusedService)).code).not.toBe(0);
  });

  it("attaches the secret and the config for a granted operator: the task reads them; removal names the service", async () => {
    const input = createServiceSchema.parse({
      name: service,
      image: testImage(),
      command: ['sh', '-c', `cat /run/secrets/x; echo; cat /etc/app.conf; sleep 600`],
      secrets: [{ name: secret, target: 'x', mode: '0400' }],
      configs: [{ name: config, target: '/etc/app.conf' }],
    });
    const created = await createService(granted, input, 'operator');
    expect(created.secrets).toEqual([expect.objectContaining({ name: secret, target: 'x', mode: '0400', uid: '0', gid: '0' })]);
    expect(created.configs).toEqual([expect.objectContaining({ name: config, target: '/etc/app.conf', mode: '0444' })]);
    const lines = await eventually(
      () => serviceLogs(granted, service, 50),
      (found) => found.some((line) => line.text === VALUE),
    );
    expect(lines.some((line) => line.text === 'listen 8080')).toBe(true);

    expect((await listSecrets(granted)).find((entry) => entry.name === secret)?.usedBy).toEqual([service]);
    const refusal = await removeSwarmObject(granted, 'secrets', secret).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SwarmObjectInUseError);
    expect(refusal).toMatchObject({ code: 'CONFLICT', message: `The secret ${secret} is in use by service ${service}: detach it from that service (or remove it) first` });
    await expect(removeSwarmObject(granted, 'configs', config)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(service) });

    // Detached through an update, the secret can go.
    await updateService(granted, service, updateServiceSchema.parse({ secrets: [], configs: [] }), 'operator');
    expect(await dockerOk('service', 'inspect', '-f', '{{len .Spec.TaskTemplate.ContainerSpec.Secrets}}', service)).toBe('0');
    await removeService(granted, service);
    expect(await removeSwarmObject(granted, 'secrets', secret)).toMatchObject({ name: secret });
    expect(await removeSwarmObject(granted, 'configs', config)).toMatchObject({ name: config });
    expect((await docker('secret', 'inspect', secret)).code).not.toBe(0);
  });

  it('refuses a plain operator a spec with a secret even past the console\'s own check: the policy names the field', async () => {
    const spec = { Name: refusedService, TaskTemplate: { ContainerSpec: { Image: testImage(), Secrets: [{ SecretID: 'x', SecretName: secret }] } } };
    await expect(plain.createService(spec)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('TaskTemplate.ContainerSpec.Secrets') });
  });

  it('answers an unknown secret name in the service form as a field error', async () => {
    const input = createServiceSchema.parse({ name: refusedService, image: testImage(), secrets: [{ name: `nosuch-${id}` }] });
    await expect(createService(granted, input, 'operator')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'secrets.0.name' }] });
  });
});
