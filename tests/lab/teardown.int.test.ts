// `scripts/lab down` leaves nothing behind: no namespace, link, iptables rule, mount or process.
// It tears the lab down, so it runs only when tests/lab/run asks for it (SHIPYARD_LAB_TEARDOWN=1).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lab, labCommand, run } from './support';

/** A process's pid and start time: a pid alone may be reused by anyone once ours has exited. */
function identityOf(pid: number): string | undefined {
  try {
    // Fields after the command name (which may hold spaces): state is the 1st, start time the 20th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return fields[0] === 'Z' ? undefined : `${pid}@${fields[19]}`;
  } catch {
    return undefined;
  }
}

function recordedProcesses(runDir: string): string[] {
  const dir = join(runDir, 'pids');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((file) => identityOf(Number(readFileSync(join(dir, file), 'utf8').trim())))
    .filter((identity): identity is string => identity !== undefined);
}

/** Processes whose command line names the lab's run folder (dockerd, containerd, shims...). */
function processesNaming(text: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    if (Number(pid) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(text)) found.push(`${pid}: ${cmdline}`);
    } catch {
      // the process exited while we looked
    }
  }
  return found;
}

const teardownRequested = process.env.SHIPYARD_LAB_TEARDOWN === '1';

describe.skipIf(!lab || !teardownRequested)('lab: teardown', () => {
  it('leaves no namespace, bridge, veth, iptables rule, mount or process behind', async () => {
    const { name, runDir } = lab ?? { name: '', runDir: '' };
    const recorded = recordedProcesses(runDir);
    expect(recorded.length).toBeGreaterThan(0);

    await labCommand(['down']);

    const namespaces = await run('ip', ['netns', 'list']);
    expect(namespaces.split('\n').filter((line) => line.startsWith(`${name}-`))).toEqual([]);
    const links = await run('ip', ['-o', 'link', 'show']);
    expect(links.split('\n').filter((line) => line.includes(`${name}0`) || line.includes(`${name}-h`))).toEqual([]);
    const rules = await run('iptables', ['-S']);
    expect(rules.split('\n').filter((line) => line.includes(`${name}0`))).toEqual([]);
    const mounts = readFileSync('/proc/self/mountinfo', 'utf8');
    expect(mounts.split('\n').filter((line) => line.includes(runDir) || line.includes(`/run/netns/${name}-`))).toEqual([]);
    expect(recorded.filter((identity) => identityOf(Number(identity.split('@')[0])) === identity)).toEqual([]);
    expect(processesNaming(`${runDir}/`)).toEqual([]);
    expect(existsSync(runDir)).toBe(false);
  }, 300_000);
});
