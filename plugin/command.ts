// What every CLI command provides: its flags, a one-line summary, and run().
import type { FlagSpecs, GlobalFlags, ParsedFlags } from './args';

export interface CommandContext {
  readonly values: ParsedFlags['values'];
  readonly globals: GlobalFlags;
  readonly env: NodeJS.ProcessEnv;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly flags: FlagSpecs;
  /** Resolves to the exit code. */
  run(context: CommandContext): Promise<number>;
}
