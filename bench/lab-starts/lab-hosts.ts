// The lab as the benchmark sees it: each host's engine, its sidecar's pid, the flat network, the image.
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface LabHost {
  readonly name: string;
  readonly docker: string;
  /** The host's IPAM sidecar (node), read from the lab's pid files. */
  readonly sidecarPid: number;
}

export interface Lab {
  readonly hosts: readonly LabHost[];
  /** The lab's etcd members: every allocation is a raft write on each of them, on this same machine. */
  readonly etcdPids: readonly number[];
  readonly network: string;
  readonly image: string;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: bring the lab up and source its environment (source <(bash scripts/lab env))`);
  return value;
}

export function labFromEnv(): Lab {
  const dockers = required('SHIPYARD_LAB_DOCKERS').split(',').filter(Boolean);
  const runDir = required('SHIPYARD_LAB_RUN_DIR');
  const hosts = dockers.map((docker, index) => {
    const name = `h${index + 1}`;
    const sidecarPid = Number(readFileSync(join(runDir, 'pids', `${name}-ipam.pid`), 'utf8').trim());
    if (!Number.isInteger(sidecarPid)) throw new Error(`no sidecar pid for ${name} in ${runDir}/pids`);
    return { name, docker, sidecarPid };
  });
  const etcdPids = readdirSync(join(runDir, 'pids'))
    .filter((file) => /^etcd\d+\.pid$/.test(file))
    .map((file) => Number(readFileSync(join(runDir, 'pids', file), 'utf8').trim()))
    .filter((pid) => Number.isInteger(pid));
  return { hosts, etcdPids, network: required('SHIPYARD_LAB_NETWORK'), image: process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local' };
}

export function docker(host: LabHost, args: readonly string[]): Promise<{ stdout: string }> {
  return exec('docker', ['-H', host.docker, ...args], { timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
}
