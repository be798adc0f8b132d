// The seed's own command lines, run as written (global flags before the command, `--flag=value`,
// `--debug=true`) by the real CLI in child processes, against the stack's etcd under a private
// prefix (IPAM_ETCD_PREFIX, so the lines stay the seed's) and the private dockerd.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventory } from '@/lib/ipam/inventory';
import type { Store } from '@/lib/ipam/store';
import { docker, dockerOk, testImage } from './support/docker-cli';
import { etcdEndpoints, pluginDir, testPrefix, testStore, uniqueId } from './support/fixtures';
import { CLI, ensureBundle, waitForExit } from './support/instances';
import { callPlugin } from './support/plugin-client';

const id = uniqueId();
const octet = 100 + (parseInt(id.slice(2, 4), 16) % 150);
const net = `10.198.${octet}`;
const driver = `talkingdata-test-${id}`;
const network = `syseed-${id}`;
const container = `syseed-c-${id}`;
const prefix = testPrefix();
// The seed lists two etcd members; both spellings reach the stack's one etcd.
const clusterStore = [etcdEndpoints()[0] ?? '', (etcdEndpoints()[0] ?? '').replace('127.0.0.1', 'localhost')].join(',');
const env = { ...process.env, IPAM_ETCD_PREFIX: prefix };

function seed(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(CLI, argv, { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe("the seed's command lines", () => {
  let store: Store;
  let server: ChildProcess | undefined;
  let serverOutput = '';
  const socketPath = join(pluginDir(), `${driver}.sock`);

  beforeAll(() => {
    ensureBundle();
    store = testStore(prefix);
  });

  afterAll(async () => {
    await docker('rm', '-f', container);
    await docker('network', 'rm', network);
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await waitForExit(server);
    }
    await store?.deleteAll();
    store?.close();
  });

  it('ip-range and host-range with --cluster-store=a,b before the command and --flag=value after it', async () => {
    const ipRange = await seed(`--cluster-store=${clusterStore}`, 'ip-range', `--ip-start=${net}.10/24`, '--ip-end', `${net}.60/24`);
    expect(ipRange.stderr).toBe('');
    expect(ipRange.code).toBe(0);
    const hostRange = await seed(`--cluster-store=${clusterStore}`, 'host-range', '--ip-start', `${net}.1/24`, `--ip-end=${net}.9/24`, '--gateway', `${net}.254`);
    expect(hostRange.code).toBe(0);
    const pools = await inventory(store);
    expect(pools.map((pool) => pool.config.poolId)).toEqual([`${net}.0-24`]);
  });

  it('server as the systemd unit writes it: --debug=true --cluster-store=… server', async () => {
    server = spawn(CLI, ['--debug=true', `--cluster-store=${clusterStore}`, 'server', '--socket', socketPath, '--host-id', `seed-${id}`, '--gc-interval=0'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
    let activated = false;
    for (let attempt = 0; attempt < 300 && !activated; attempt++) {
      expect(server.exitCode, serverOutput).toBeNull();
      if (existsSync(socketPath)) activated = (await callPlugin(socketPath, '/Plugin.Activate').catch(() => undefined))?.status === 200;
      if (!activated) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(activated, serverOutput).toBe(true);
  });

  it('create-network --ip after --cluster-store=a,b makes the seed network, and docker run gets a pool address', async () => {
    const created = await seed(`--cluster-store=${clusterStore}`, 'create-network', '--ip', `${net}.4`, '--name', network, '--driver', driver, '--bridge', `sy${id}`);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`holds ${net}.4`);
    expect(await dockerOk('network', 'inspect', '-f', '{{.IPAM.Driver}} {{(index .IPAM.Config 0).Gateway}}', network)).toBe(`${driver} ${net}.4`);
    await dockerOk('run', '-d', '--name', container, '--network', network, testImage(), 'sleep', '600');
    const ip = await dockerOk('inspect', '-f', `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`, container);
    expect(ip).toBe(`${net}.10`);
    // --debug=true took effect: the server logged the daemon's calls.
    expect(serverOutput).toContain('RequestAddress');
  });

  it('refuses an unknown flag before the command with exit 2', async () => {
    const result = await seed('--cluster-stor=http://127.0.0.1:1', 'server');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown global flag "--cluster-stor=http://127.0.0.1:1"');
  });
});
