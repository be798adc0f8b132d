// The containers list kept per engine (lib/engines/container-inventory.ts), against the stack's
// engine: the console's own create and remove show in its very next list, a change made with the
// docker CLI shows within two seconds, and with the engine's event stream broken every list is
// read live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, ContainerContext } from '@/lib/engines/context';
import { createContainer } from '@/lib/containers/create-container';
import { createContainerSchema } from '@/lib/containers/container-schema';
import { removeContainer } from '@/lib/containers/lifecycle';
import { listContainers } from '@/lib/containers/list-containers';
import { engineHandlesFrom, stopEngines, type EngineHandle } from '@/lib/engines/engines';
import { openTestDatabase } from '@/prisma-free-db/testing/test-database';
import { docker, dockerOk, testImage } from '../ipam/support/docker-cli';

const stamp = `syinv-${Date.now().toString(36)}`;
const LABEL = `io.shipyard.test=${stamp}`;
let context: ContainerContext;
let handle: EngineHandle;
let admin: Actor;
let disposeDatabase: () => Promise<void>;

const names = async () => (await listContainers(context)).containers.map((container) => container.name).filter((name) => name.startsWith(stamp));

/** Lists until `check` holds, or fails after `ms`; returns how long it took. */
async function listedWithin(ms: number, check: (listed: string[]) => boolean): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (check(await names())) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`the list did not show the change within ${ms} ms: ${JSON.stringify(await names())}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  context = { handles: engineHandlesFrom({ SHIPYARD_DOCKER: process.env.SHIPYARD_DOCKER }), flatNetwork: null };
  handle = context.handles[0] as EngineHandle;
  const database = await openTestDatabase('inventory');
  disposeDatabase = database.dispose;
  admin = { username: 'ada', role: 'admin', address: 'test', database: database.db };
});

afterAll(async () => {
  const left = await docker('ps', '-aq', '--filter', `label=${LABEL}`);
  if (left.stdout) await docker('rm', '-f', ...left.stdout.split('\n'));
  if (context) stopEngines(context.handles);
  await disposeDatabase?.();
});

describe('the containers list kept per engine', () => {
  it("shows the console's own create and remove in the very next list", async () => {
    await names();
    await names();
    expect(handle.inventory.isFresh).toBe(true); // the next list would not ask the engine
    await createContainer(context, admin, createContainerSchema.parse({ name: `${stamp}-own`, image: testImage(), command: ['sleep', '600'], labels: { 'io.shipyard.test': stamp } }));
    expect(await names()).toContain(`${stamp}-own`);
    await removeContainer(context, admin, `${stamp}-own`, undefined, { force: true, volumes: false });
    expect(await names()).not.toContain(`${stamp}-own`);
  });

  it('shows a container made and removed with the docker CLI on the engine within two seconds', async () => {
    await names();
    expect(handle.inventory.isFresh).toBe(true);
    await dockerOk('create', '--name', `${stamp}-cli`, '--label', LABEL, testImage(), 'sleep', '600');
    const shown = await listedWithin(2_000, (listed) => listed.includes(`${stamp}-cli`));
    await dockerOk('rm', '-f', `${stamp}-cli`);
    const gone = await listedWithin(2_000, (listed) => !listed.includes(`${stamp}-cli`));
    expect(Math.max(shown, gone)).toBeLessThanOrEqual(2_000);
  });

  it('reads the list live while the event stream is broken: a CLI change shows at once', async () => {
    await names();
    handle.events.stop(); // the stream drops and does not come back
    expect(handle.events.isConnected).toBe(false);
    expect(handle.inventory.isFresh).toBe(false);
    await dockerOk('create', '--name', `${stamp}-blind`, '--label', LABEL, testImage(), 'sleep', '600');
    expect(await names()).toContain(`${stamp}-blind`);
    await dockerOk('rm', '-f', `${stamp}-blind`);
    expect(await names()).not.toContain(`${stamp}-blind`);
    expect(handle.inventory.isFresh).toBe(false);
  });
});
