import { describe, expect, it } from 'vitest';
import { explicitBooleans, globalFlags, parseFlags, UsageError } from './args';
import { main } from './cli';
import { splitCommandLine } from './command-line';
import { ipRangeCommand } from './commands/ip-range';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: { NODE_ENV: 'test' } });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the seed command lines', () => {
  it('finds the command after global flags in both spellings', () => {
    expect(splitCommandLine(['--cluster-store=http://a:2379,http://b:2379', 'create-network', '--ip', '192.168.0.4'])).toEqual({
      command: 'create-network',
      args: ['--cluster-store=http://a:2379,http://b:2379', '--ip', '192.168.0.4'],
    });
    expect(splitCommandLine(['--debug=true', '--cluster-store', 'http://a:2379', 'server'])).toEqual({
      command: 'server',
      args: ['--debug=true', '--cluster-store', 'http://a:2379'],
    });
    expect(splitCommandLine(['--debug', 'server', '--socket', '/x.sock'])).toEqual({ command: 'server', args: ['--debug', '--socket', '/x.sock'] });
    expect(splitCommandLine(['--prefix', '/p/'])).toEqual({ command: undefined, args: ['--prefix', '/p/'] });
  });

  it('refuses an unknown flag before the command', () => {
    expect(() => splitCommandLine(['--nope', 'server'], globalFlags)).toThrow(UsageError);
  });

  it('reads booleans as --debug, --debug=true and --debug=false, the explicit value beating IPAM_DEBUG', () => {
    const env = { NODE_ENV: 'test', IPAM_DEBUG: '1' } as const;
    const none = { NODE_ENV: 'test' } as const;
    expect(parseFlags(['--debug'], {}, none).globals.debug).toBe(true);
    expect(parseFlags(['--debug=true'], {}, none).globals.debug).toBe(true);
    expect(parseFlags(['--debug=false'], {}, env).globals.debug).toBe(false);
    expect(parseFlags([], {}, env).globals.debug).toBe(true);
    expect(parseFlags([], {}, none).globals.debug).toBe(false);
    expect(() => explicitBooleans(['--debug=maybe'], globalFlags)).toThrow('--debug takes true or false');
  });

  it('reads string flags as --flag=value and --flag value, before or after the command', () => {
    const before = parseFlags(['--cluster-store=http://a:1,http://b:2', '--ip-start=10.0.0.2/24', '--ip-end', '10.0.0.9/24'], ipRangeCommand.flags, { NODE_ENV: 'test' });
    expect(before.globals.endpoints).toEqual(['http://a:1', 'http://b:2']);
    expect(before.values['ip-start']).toBe('10.0.0.2/24');
    expect(before.values['ip-end']).toBe('10.0.0.9/24');
  });

  it('exits 2 with a message for unknown flags anywhere, and for a value on a string flag missing', async () => {
    const before = await cli('--nope', 'ip-range');
    expect(before.code).toBe(2);
    expect(before.err).toContain('unknown global flag "--nope"');
    const after = await cli('--debug=true', 'ip-range', '--nope');
    expect(after.code).toBe(2);
    expect(after.err).toContain("Unknown option '--nope'");
    const badBool = await cli('--debug=sometimes', 'ls');
    expect(badBool.code).toBe(2);
    expect(badBool.err).toContain('--debug takes true or false');
  });

  it('runs a command whose global flags come first (validation fails before etcd, exit 1)', async () => {
    const result = await cli('--cluster-store=http://127.0.0.1:1', '--debug=false', 'ip-range', '--ip-start=10.0.0.9/24', '--ip-end=10.0.0.2/24');
    expect(result.code).toBe(1);
    expect(result.err).toContain('[IPAM_INVALID_RANGE]');
    expect((await cli('--debug', '--help')).code).toBe(0);
    expect((await cli('--debug', 'server', '--help')).out).toContain('usage: shipyard-ipam server');
  });
});
