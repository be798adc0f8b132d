// The seed's command lines put global flags before the command (`oam-docker-ipam --debug=true
// --cluster-store=http://… server`). This finds the command wherever the global flags are and
// hands every flag to the command's parser, so flags work before and after the command.
import { type FlagSpecs, UsageError, globalFlags } from './args';

export interface CommandLine {
  /** The first word that is not a flag or a flag's value; undefined when there is none. */
  readonly command: string | undefined;
  /** Every other word, in order: the global flags that came first, then the command's own. */
  readonly args: string[];
}

export function splitCommandLine(argv: readonly string[], globals: FlagSpecs = globalFlags): CommandLine {
  const leading: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const word = argv[index] ?? '';
    if (word === '-h') {
      leading.push(word);
      continue;
    }
    if (!word.startsWith('--')) return { command: word, args: [...leading, ...argv.slice(index + 1)] };
    const [name] = word.slice(2).split('=', 1);
    const spec = globals[name ?? ''];
    if (!spec) throw new UsageError(`unknown global flag "${word}" before the command`);
    leading.push(word);
    // `--cluster-store http://…`: the next word is the value, not the command.
    if (spec.type === 'string' && !word.includes('=') && index + 1 < argv.length) leading.push(argv[++index] ?? '');
  }
  return { command: undefined, args: leading };
}
