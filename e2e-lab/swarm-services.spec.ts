// Swarm services through the console's API (the signed-in page's request context) against the
// lab's three-node swarm, each step read back from the manager's own task list (dockerode).
import { expect, test } from '@playwright/test';
import { signInAsAdmin } from '../e2e/support/admin';
import { dockerCli, engine, image, uniqueName } from './support/lab';

const service = uniqueName('sylab-svc');
// Exits on SIGTERM at once: a bare sleep as PID 1 ignores it and each replaced task takes 10 s.
const command = ['sh', '-c', 'trap "exit 0" TERM; sleep 600 & wait'];
const manager = engine(1);
// Fast rollouts: every task at once, one second of monitoring.
const rollout = { parallelism: 0, delaySeconds: 0, monitorSeconds: 1, order: 'stop-first' };

test.afterAll(async () => {
  try {
    await manager.getService(service).remove();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
});

/** The part of Docker's task JSON these checks read (dockerode types the list as any[]). */
interface TaskJson {
  NodeID?: string;
  Status?: { State?: string };
  Spec?: { ContainerSpec?: { Env?: string[] } };
}

/** The service's tasks meant to run, with the node host name and env of each (the manager's view). */
async function runningTasks(): Promise<{ node: string; state: string; env: string[] }[]> {
  const nodes = new Map((await manager.listNodes()).map((node) => [node.ID, node.Description?.Hostname ?? node.ID]));
  const tasks = (await manager.listTasks({ filters: { service: [service], 'desired-state': ['running'] } })) as TaskJson[];
  return tasks.map((task) => ({
    node: nodes.get(task.NodeID ?? '') ?? '',
    state: task.Status?.State ?? '',
    env: task.Spec?.ContainerSpec?.Env ?? [],
  }));
}

/** Waits until `count` tasks run, each with `env`, and returns how many run on each host. */
async function expectRunning(count: number, env: string): Promise<Record<string, number>> {
  let perHost: Record<string, number> = {};
  await expect
    .poll(
      async () => {
        const tasks = await runningTasks();
        perHost = {};
        for (const task of tasks) if (task.state === 'running' && task.env.includes(env)) perHost[task.node] = (perHost[task.node] ?? 0) + 1;
        return Object.values(perHost).reduce((sum, n) => sum + n, 0) === count && tasks.length === count;
      },
      { timeout: 90_000, intervals: [500] },
    )
    .toBe(true);
  return perHost;
}

test('a service of 3 replicas is spread over the hosts, scaled, updated, rolled back and removed through the console', async ({ page }) => {
  test.setTimeout(300_000);
  await signInAsAdmin(page);

  const created = await page.request.post('/api/v1/swarm/services', {
    data: { name: service, image, replicas: 3, command, env: ['STAGE=one'], updateConfig: rollout, rollbackConfig: rollout },
  });
  expect(created.status()).toBe(201);
  // Swarm's spread: one task on each of h1, h2, h3.
  expect(await expectRunning(3, 'STAGE=one')).toEqual({ h1: 1, h2: 1, h3: 1 });
  const ps = await dockerCli(1, ['service', 'ps', service, '--filter', 'desired-state=running', '--format', '{{.Node}} {{.CurrentState}}']);
  expect(ps.split('\n').map((line) => line.split(' ')[0]).sort()).toEqual(['h1', 'h2', 'h3']);

  // The console's service page lists the tasks with their hosts.
  await page.goto(`/swarm/services/${service}`);
  const running = page.getByTestId('service-tasks').locator('[data-testid="task-row"][data-state="running"]');
  await expect(running).toHaveCount(3);
  for (const host of ['h1', 'h2', 'h3']) await expect(running.filter({ hasText: host })).toHaveCount(1);

  const scaled = await page.request.patch(`/api/v1/swarm/services/${service}`, { data: { replicas: 6 } });
  expect(scaled.status()).toBe(200);
  expect(await expectRunning(6, 'STAGE=one')).toEqual({ h1: 2, h2: 2, h3: 2 });

  const updated = await page.request.patch(`/api/v1/swarm/services/${service}`, { data: { env: ['STAGE=two'] } });
  expect(updated.status()).toBe(200);
  await expectRunning(6, 'STAGE=two');
  expect(await dockerCli(1, ['service', 'inspect', service, '--format', '{{json .Spec.TaskTemplate.ContainerSpec.Env}}'])).toBe('["STAGE=two"]');

  const rolledBack = await page.request.post(`/api/v1/swarm/services/${service}/rollback`);
  expect(rolledBack.status()).toBe(200);
  await expectRunning(6, 'STAGE=one');
  expect(await dockerCli(1, ['service', 'inspect', service, '--format', '{{json .Spec.TaskTemplate.ContainerSpec.Env}} {{.Spec.Mode.Replicated.Replicas}}'])).toBe('["STAGE=one"] 6');

  const removed = await page.request.delete(`/api/v1/swarm/services/${service}`);
  expect(removed.status()).toBeLessThan(300);
  await expect.poll(async () => (await manager.listServices({ filters: { name: [service] } })).length).toBe(0);
  // Each host's engine lets go of its task containers.
  for (const host of [1, 2, 3]) {
    await expect
      .poll(async () => (await engine(host).listContainers({ all: true, filters: { label: [`com.docker.swarm.service.name=${service}`] } })).length, { timeout: 60_000 })
      .toBe(0);
  }
});
