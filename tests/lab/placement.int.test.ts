// Placement on the three-host lab: exclusive cores fill exactly the lab's cores, each on its own
// (host, core), and the next container is refused; a freed core is used again; two consoles
// placing at once never share a core; constraints and affinities; a down host is skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContainer } from '@/lib/containers/create-container';
import { scaleContainer } from '@/lib/containers/scale';
import { updateLimits } from '@/lib/containers/update-limits';
import { createContainerSchema } from '@/lib/containers/container-schema';
import type { Actor, ContainerContext } from '@/lib/engines/context';
import { engineHandleFor, stopEngines } from '@/lib/engines/engines';
import { EtcdStore } from '@/lib/etcd/store';
import { listCoreClaims } from '@/lib/placement/core-claims';
import { NoHostFitsError } from '@/lib/placement/no-host-fits';
import { openTestDatabase } from '@/prisma-free-db/testing/test-database';
import { removeTestContainers } from './containers';
import { docker, lab, labCommand, labPid, TEST_LABEL, uniqueName, waitUntil } from './support';

const [testLabelKey = '', testLabelValue = ''] = TEST_LABEL.split('=');
const prefix = `/shipyard-test/placement-${Date.now().toString(36)}/`;
const hostNames = (lab?.dockers ?? []).map((_, index) => `h${index + 1}`);

/** A console of its own: its own engine clients and event streams, its own etcd connection. */
function consoleContext(): ContainerContext {
  if (!lab) throw new Error('the lab is not up');
  return {
    handles: lab.dockers.map((url) => engineHandleFor(url, process.env)),
    flatNetwork: lab.network,
    placement: { store: new EtcdStore({ endpoints: lab.etcd.split(','), prefix }), strategy: 'spread', graceMs: 60_000 },
  };
}

const consoles: ContainerContext[] = [];
let admin: Actor;
let disposeDatabase: (() => Promise<void>) | undefined;
let labCores = 0;

function request(fields: Record<string, unknown>) {
  const image = lab?.image ?? 'busybox:local';
  return createContainerSchema.parse({ image, command: ['sleep', '600'], labels: { [testLabelKey]: testLabelValue }, name: uniqueName('place'), ...fields });
}

const removeAll = removeTestContainers;

async function claimsFreed(context: ContainerContext): Promise<void> {
  const store = context.placement?.store;
  if (!store) return;
  await waitUntil('every core claim to be freed by the engines\' destroy events', async () => (await listCoreClaims(store)).length === 0, 30_000);
}

async function cpusetOn(host: string, name: string): Promise<string> {
  return docker(hostNames.indexOf(host) + 1, ['inspect', '-f', '{{.HostConfig.CpusetCpus}}', name]);
}

async function refusalOf(attempt: Promise<unknown>): Promise<NoHostFitsError> {
  const error: unknown = await attempt.then(
    () => new Error('the create was expected to be refused'),
    (reason: unknown) => reason,
  );
  if (!(error instanceof NoHostFitsError)) throw error;
  return error;
}

// Runs only against the multi-host lab (tests/lab/run, which `npm test` calls, sets its environment);
// without the lab, or with fewer hosts than the story needs, there is nothing real to test against.
describe.skipIf(!lab)('lab: placement and exclusive cores', () => {
  beforeAll(async () => {
    await labCommand(['up']);
    const database = await openTestDatabase('placement_lab');
    disposeDatabase = database.dispose;
    admin = { username: 'ada', role: 'admin', address: 'test', database: database.db };
    consoles.push(consoleContext(), consoleContext());
    const cores = await Promise.all(hostNames.map((_, index) => docker(index + 1, ['info', '-f', '{{.NCPU}}'])));
    labCores = cores.reduce((sum, count) => sum + Number(count), 0);
    await removeAll();
  });

  afterAll(async () => {
    await removeAll().catch(() => undefined);
    const [first] = consoles;
    await first?.placement?.store.deleteAll().catch(() => undefined);
    for (const context of consoles) {
      stopEngines(context.handles);
      context.placement?.store.close();
    }
    await disposeDatabase?.();
  });

  it("fills exactly the lab's cores, each on its own (host, core); refuses the next; uses a freed core again", async () => {
    const [context] = consoles;
    if (!context) throw new Error('no console');
    const created = await Promise.all(Array.from({ length: labCores }, () => createContainer(context, admin, request({ cores: 1 }))));
    const places = await Promise.all(created.map(async (container) => `${container.host}/${await cpusetOn(container.host, container.name)}`));
    expect(new Set(places).size).toBe(labCores);
    expect(new Set(created.map((container) => container.host))).toEqual(new Set(hostNames));

    const refused = await refusalOf(createContainer(context, admin, request({ cores: 1 })));
    expect(refused.reasons).toEqual(hostNames.map((host) => `${host}: no free core (all 2 held)`));

    const [freed, other] = created;
    if (!freed || !other) throw new Error('nothing created');
    // Copies would share its cores, and no other container may be pinned to them.
    await expect(scaleContainer(context, admin, freed.name, freed.host, 1)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('held exclusively: copies would share it') });
    await expect(updateLimits(context, admin, freed.name, freed.host, { cpuset: '0' })).rejects.toMatchObject({ code: 'CONFLICT', fields: [{ path: 'cpuset' }] });
    const freedPlace = `${freed.host}/${await cpusetOn(freed.host, freed.name)}`;
    await docker(hostNames.indexOf(freed.host) + 1, ['rm', '-f', freed.name]);
    let again: Awaited<ReturnType<typeof createContainer>> | undefined;
    await waitUntil('the freed core to be handed out again', async () => {
      again = await createContainer(context, admin, request({ cores: 1 })).catch(() => undefined);
      return again !== undefined;
    }, 30_000);
    if (!again) throw new Error('not created');
    expect(`${again.host}/${await cpusetOn(again.host, again.name)}`).toBe(freedPlace);
    await removeAll();
    await claimsFreed(context);
  });

  it('never lets two consoles placing at once share a core', async () => {
    const [one, two] = consoles;
    if (!one || !two) throw new Error('no consoles');
    const attempts = await Promise.allSettled(Array.from({ length: labCores + 2 }, (_, index) => createContainer(index % 2 ? one : two, admin, request({ cores: 1 }))));
    const created = attempts.flatMap((attempt) => (attempt.status === 'fulfilled' ? [attempt.value] : []));
    const refusals = attempts.flatMap((attempt) => (attempt.status === 'rejected' ? [attempt.reason] : []));
    expect(created).toHaveLength(labCores);
    for (const reason of refusals) expect(reason).toBeInstanceOf(NoHostFitsError);
    const places = await Promise.all(created.map(async (container) => `${container.host}/${await cpusetOn(container.host, container.name)}`));
    expect(new Set(places).size).toBe(labCores);
    await removeAll();
    await claimsFreed(one);
  });

  it('follows constraints and affinities in classic swarm form', async () => {
    const [context] = consoles;
    if (!context) throw new Error('no console');
    const onH2 = await createContainer(context, admin, request({ env: ['constraint:node==h2'] }));
    expect(onH2.host).toBe('h2');
    expect(onH2.labels['com.docker.swarm.constraints']).toBe('["node==h2"]');
    expect(onH2.env).not.toContain('constraint:node==h2');
    const notH1H2 = await createContainer(context, admin, request({ labels: { [testLabelKey]: testLabelValue, 'com.docker.swarm.constraints': '["node!=h1","node!=h2"]' } }));
    expect(notH1H2.host).toBe('h3');
    const beside = await createContainer(context, admin, request({ env: [`affinity:container==${notH1H2.name}`] }));
    expect(beside.host).toBe('h3');
    const away = await createContainer(context, admin, request({ env: [`affinity:container!=${notH1H2.name}`, 'constraint:node!=h2'] }));
    expect(away.host).toBe('h1');
    const refused = await refusalOf(createContainer(context, admin, request({ env: ['constraint:node==h9'] })));
    expect(refused.reasons).toEqual(hostNames.map((host) => `${host}: constraint not met: node==h9`));
    await expect(createContainer(context, admin, request({ env: ['constraint:node=h2'] }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'env.0' }] });
    await removeAll();
  });

  it('skips a down host, and says it is down', async () => {
    const [context] = consoles;
    if (!context) throw new Error('no console');
    const pid = labPid('h3-dockerd');
    process.kill(pid, 'SIGKILL');
    try {
      await waitUntil('h3 to stop answering', async () => (await docker(3, ['info', '-f', '{{.Name}}'], 5_000).then(() => false, () => true)), 30_000);
      const placed = await Promise.all([1, 2, 3].map(() => createContainer(context, admin, request({}))));
      expect(placed.map((container) => container.host).filter((host) => host === 'h3')).toEqual([]);
      const refused = await refusalOf(createContainer(context, admin, request({ env: ['constraint:node==h3'] })));
      expect(refused.reasons[2]).toMatch(/^h3: down \(/);
    } finally {
      await labCommand(['up']);
    }
    await removeAll();
  });
});
