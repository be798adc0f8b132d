// The sidecar under plugin/bin/supervise (the demo's and the lab's supervision, systemd's
// Restart=always elsewhere): after a kill -9 the driver answers RequestAddress again within 5 s.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRangeFlags } from '@/lib/ipam/ranges';
import type { Store } from '@/lib/ipam/store';
import { addContainerRange } from '@/lib/ipam/subnet-config';
import { etcdEndpoints, socketDir, testPrefix, testStore, uniqueId } from './support/fixtures';
import { CLI, ensureBundle, waitForExit } from './support/instances';
import { callPlugin, randomMac, requestAddress } from './support/plugin-client';

const SUPERVISE = join(process.cwd(), 'plugin', 'bin', 'supervise');
const id = uniqueId();
const net = `10.194.${100 + (parseInt(id.slice(0, 2), 16) % 150)}`;
const poolId = `${net}.0-24`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the supervised sidecar', () => {
  const prefix = testPrefix();
  const dir = socketDir();
  const socketPath = join(dir, 'talkingdata.sock');
  const pidFile = join(dir, 'sidecar.pid');
  let store: Store;
  let supervisor: ChildProcess;
  let output = '';

  const pidOfSidecar = () => Number(readFileSync(pidFile, 'utf8').trim());
  const answers = async () => {
    const reply = await requestAddress(socketPath, poolId, randomMac()).catch(() => undefined);
    return reply?.status === 200;
  };
  async function until(check: () => Promise<boolean>, ms: number): Promise<number> {
    const started = performance.now();
    while (performance.now() - started < ms) {
      if (await check()) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`not within ${ms} ms: ${output}`);
  }

  beforeAll(async () => {
    ensureBundle();
    store = testStore(prefix);
    await addContainerRange(store, parseRangeFlags(`${net}.10/24`, `${net}.200/24`));
    supervisor = spawn(SUPERVISE, [CLI, 'server', `--cluster-store=${etcdEndpoints().join(',')}`, '--socket', socketPath, '--host-id', `sup-${id}`, '--gc-interval=0'], {
      env: { ...process.env, IPAM_ETCD_PREFIX: prefix, SUPERVISE_PID_FILE: pidFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    supervisor.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    supervisor.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await until(async () => existsSync(socketPath) && (await callPlugin(socketPath, '/Plugin.Activate').catch(() => undefined))?.status === 200, 30_000);
    expect((await callPlugin(socketPath, '/IpamDriver.RequestPool', { Pool: `${net}.0/24` })).body.PoolID).toBe(poolId);
  });

  afterAll(async () => {
    const last = existsSync(pidFile) ? pidOfSidecar() : undefined;
    if (supervisor && supervisor.exitCode === null) {
      supervisor.kill('SIGTERM');
      await waitForExit(supervisor);
    }
    if (last !== undefined) expect(alive(last)).toBe(false);
    await store?.deleteAll();
    store?.close();
  });

  it('answers RequestAddress again within 5 s of a kill -9, twice in a row', async () => {
    for (let round = 0; round < 2; round++) {
      expect(await answers()).toBe(true);
      const killed = pidOfSidecar();
      process.kill(killed, 'SIGKILL');
      const recoveredMs = await until(answers, 5_000);
      expect(pidOfSidecar()).not.toBe(killed);
      expect(recoveredMs).toBeLessThan(5_000);
      process.stdout.write(`sidecar kill -9 → RequestAddress answered again in ${Math.round(recoveredMs)} ms\n`);
    }
  });

  it('stops the sidecar with the supervisor on SIGTERM', async () => {
    const sidecar = pidOfSidecar();
    supervisor.kill('SIGTERM');
    expect(await waitForExit(supervisor)).toBe(0);
    await until(async () => !alive(sidecar), 5_000);
    expect(existsSync(socketPath)).toBe(false);
  });
});
