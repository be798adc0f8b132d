import { describe, expect, it } from 'vitest';
import { commands, main } from './cli';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: { NODE_ENV: 'test' } });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('shipyard-ipam CLI', () => {
  it('has the seed commands', () => {
    expect(commands.map((c) => c.name)).toEqual(['server', 'host-range', 'ip-range', 'create-network', 'release-ip', 'release-host', 'ls', 'gc']);
  });

  it('prints help for every command with exit 0', async () => {
    for (const command of commands) {
      const result = await cli(command.name, '--help');
      expect(result.code).toBe(0);
      expect(result.out).toContain(`usage: shipyard-ipam ${command.name}`);
      expect(result.out).toContain('--cluster-store');
    }
    expect((await cli('--help')).code).toBe(0);
  });

  it('exits 2 with usage on stderr for a bad flag, a missing flag or an unknown command', async () => {
    const bad = await cli('ip-range', '--nope');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("Unknown option '--nope'");
    expect(bad.err).toContain('usage: shipyard-ipam ip-range');
    const missing = await cli('host-range', '--ip-start', '10.0.0.1/24');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('missing required flag --ip-end');
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli()).code).toBe(2);
  });

  it('reports validation errors with exit 1 and the error code, before touching etcd', async () => {
    const reversed = await cli('ip-range', '--ip-start', '10.0.0.9/24', '--ip-end', '10.0.0.2/24', '--cluster-store', 'http://127.0.0.1:1');
    expect(reversed.code).toBe(1);
    expect(reversed.err).toContain('the range is reversed');
    expect(reversed.err).toContain('[IPAM_INVALID_RANGE]');
  });
});
