// The conversion compared with the docker CLI's own: the same compose file deployed once with
// `docker stack deploy` and once through deployStack under another name; the service specs the
// engine holds must be the same once the stack names (and the ids the engine gave) are put back.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, dockerOk, testImage } from '@/tests/ipam/support/docker-cli';
import { uniqueId } from '@/tests/ipam/support/fixtures';
import { testEngineClient } from '@/tests/support/docker-client';
import { eventually } from '@/tests/support/eventually';
import { deployStack, removeStack } from '@/lib/stacks/stack-deploy';
import { planStack } from '@/lib/stacks/stack-plan';
import { comparisonComposeFile, comparisonFiles } from './compose-fixture';

const id = uniqueId();
const cliStack = `stcli${id}`;
const ourStack = `stour${id}`;
const external = `stext-${id}`;
const envFile = 'GREETING=hi there\nFROM_ENV_FILE=from-env\n';

/** The engine's service spec, with network, secret and config ids named and each stack's name replaced by STACK. */
async function specsOf(stack: string): Promise<Record<string, unknown>> {
  const ids = (await dockerOk('service', 'ls', '-q', '--filter', `label=com.docker.stack.namespace=${stack}`)).split('\n').filter(Boolean);
  const networks = JSON.parse(await dockerOk('network', 'inspect', ...(await dockerOk('network', 'ls', '-q')).split('\n'))) as { Id: string; Name: string }[];
  let text = JSON.stringify(JSON.parse(await dockerOk('service', 'inspect', ...ids)).map((service: { Spec: unknown }) => service.Spec));
  for (const network of networks) text = text.split(network.Id).join(network.Name);
  for (const kind of ['secret', 'config']) {
    for (const line of (await dockerOk(kind, 'ls', '--format', '{{.ID}} {{.Name}}')).split('\n').filter(Boolean)) {
      const [objectId = '', name = ''] = line.split(' ');
      text = text.split(objectId).join(name);
    }
  }
  text = text.split(stack).join('STACK');
  const specs = JSON.parse(text) as { Name: string; TaskTemplate: { Networks?: { Target: string }[] } }[];
  // The CLI sorts a service's networks by their names, which start with the stack's name: put both in one order.
  for (const spec of specs) spec.TaskTemplate.Networks?.sort((a, b) => a.Target.localeCompare(b.Target));
  return Object.fromEntries(specs.map((spec) => [spec.Name, spec]));
}

describe('a stack deployed by the console has the specs docker stack deploy gives', () => {
  const engine = testEngineClient();
  const directory = mkdtempSync(join(tmpdir(), 'stack-compare-'));

  beforeAll(async () => {
    await dockerOk('network', 'create', '--driver', 'overlay', '--label', 'shipyard-test=stacks', external);
  });

  afterAll(async () => {
    await docker('stack', 'rm', cliStack);
    await removeStack(engine, ourStack).catch(() => undefined);
    for (let attempt = 0; attempt < 40; attempt++) {
      const left = await docker('network', 'ls', '-q', '--filter', `name=${cliStack}_`);
      const gone = await docker('network', 'rm', external);
      if (left.stdout === '' && (gone.code === 0 || /not found/i.test(gone.stderr))) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // The volumes go once the tasks' containers have (they stop after the services are removed).
    for (const volume of [`${cliStack}_data`, `${ourStack}_data`]) {
      await eventually(
        () => docker('volume', 'rm', volume),
        (result) => result.code === 0 || /no such volume/i.test(result.stderr),
      ).catch(() => undefined);
    }
    rmSync(directory, { recursive: true, force: true });
  });

  it('creates the same service specs and networks', async () => {
    const compose = comparisonComposeFile(testImage(), external);
    writeFileSync(join(directory, 'stack.yml'), compose);
    writeFileSync(join(directory, '.env'), envFile);
    for (const [path, contents] of Object.entries(comparisonFiles)) writeFileSync(join(directory, path), contents);
    // The CLI takes ${VAR}s and valueless environment entries from its own environment.
    const cli = await new Promise<{ code: number; stderr: string }>((resolve) => {
      void import('node:child_process').then(({ execFile }) =>
        execFile(
          'docker',
          ['-H', process.env.SHIPYARD_DOCKER ?? '', 'stack', 'deploy', '--detach=true', '--resolve-image', 'never', '-c', join(directory, 'stack.yml'), cliStack],
          { env: { ...process.env, GREETING: 'hi there', FROM_ENV_FILE: 'from-env' }, timeout: 120_000 },
          (error, _stdout, stderr) => resolve({ code: error ? 1 : 0, stderr }),
        ),
      );
    });
    expect(cli.code, cli.stderr).toBe(0);

    const outcome = await deployStack(engine, planStack(ourStack, compose, envFile), { files: comparisonFiles });
    expect(outcome.objectsCreated).toEqual([`${ourStack}_token`, `${ourStack}_conf`]);
    expect(outcome.created.sort()).toEqual([`${ourStack}_web`, `${ourStack}_worker`]);
    expect(outcome.networksCreated).toEqual([`${ourStack}_default`, `${ourStack}_front`]);

    const [theirs, ours] = await Promise.all([specsOf(cliStack), specsOf(ourStack)]);
    expect(Object.keys(ours).sort()).toEqual(['STACK_web', 'STACK_worker']);
    expect(ours).toEqual(theirs);

    const networkOf = async (stack: string) => JSON.parse(await dockerOk('network', 'inspect', '-f', '{{json .Labels}} {{.Driver}} {{.Scope}}', `${stack}_front`).then((text) => JSON.stringify(text.split(stack).join('STACK'))));
    expect(await networkOf(ourStack)).toEqual(await networkOf(cliStack));
    // The secret each made: same labels (and the CLI's data, which the engine never shows, is the file).
    const secretOf = async (stack: string) => (await dockerOk('secret', 'inspect', '-f', '{{json .Spec.Labels}}', `${stack}_token`)).split(stack).join('STACK');
    expect(await secretOf(ourStack)).toEqual(await secretOf(cliStack));
    const configOf = async (stack: string) => (await dockerOk('config', 'inspect', '-f', '{{json .Spec}}', `${stack}_conf`)).split(stack).join('STACK');
    expect(await configOf(ourStack)).toEqual(await configOf(cliStack));
  });
});
