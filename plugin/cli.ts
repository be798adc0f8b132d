// shipyard-ipam (also oam-docker-ipam): the seed's commands. Exit codes: 0 ok, 1 failure (the
// message says what to do), 2 bad usage (usage on stderr).
import { pathToFileURL } from 'node:url';
import { isIpamError } from '../lib/ipam/errors';
import { UsageError, helpText, parseFlags } from './args';
import type { Command } from './command';
import { type CommandLine, splitCommandLine } from './command-line';
import { createNetworkCommand } from './commands/create-network';
import { gcCommand } from './commands/gc';
import { hostRangeCommand } from './commands/host-range';
import { ipRangeCommand } from './commands/ip-range';
import { lsCommand } from './commands/ls';
import { releaseHostCommand } from './commands/release-host';
import { releaseIpCommand } from './commands/release-ip';
import { serverCommand } from './commands/server';

export const commands: readonly Command[] = [
  serverCommand,
  hostRangeCommand,
  ipRangeCommand,
  createNetworkCommand,
  releaseIpCommand,
  releaseHostCommand,
  lsCommand,
  gcCommand,
];

export function mainUsage(): string {
  const lines = commands.map((command) => `  ${command.name.padEnd(15)} ${command.summary}`);
  return [
    'usage: shipyard-ipam [global flags] COMMAND [flags]   (also installed as oam-docker-ipam)',
    '',
    'An etcd-backed Docker remote IPAM driver for a flat layer-2 network.',
    '',
    'commands:',
    ...lines,
    '',
    'Run `shipyard-ipam COMMAND --help` for the flags of a command.',
    '',
  ].join('\n');
}

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let line: CommandLine;
  try {
    line = splitCommandLine(argv);
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${mainUsage()}`);
    return 2;
  }
  const { command: name, args } = line;
  const wantsHelp = args.includes('--help') || args.includes('-h');
  if (name === 'help' || (name === undefined && wantsHelp)) {
    io.out(mainUsage());
    return 0;
  }
  if (name === undefined) {
    io.err(mainUsage());
    return 2;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.err(`unknown command "${name}"\n\n${mainUsage()}`);
    return 2;
  }
  const usage = helpText(command.name, command.summary, command.flags);
  try {
    const parsed = parseFlags(args, command.flags, io.env);
    if (parsed.help) {
      io.out(usage);
      return 0;
    }
    return await command.run({ values: parsed.values, globals: parsed.globals, env: io.env, out: io.out, err: io.err });
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${command.name}: ${error.message}\n\n${usage}`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`${command.name}: ${isIpamError(error) ? `${message} [${error.code}]` : message}`);
    return 1;
  }
}

/** Runs the CLI on this process's arguments and exits with its code. */
export function runCli(): void {
  main(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
  }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}

// Run through tsx (plugin/bin/shipyard-ipam without a bundle); the bundle enters through main.ts.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) runCli();
