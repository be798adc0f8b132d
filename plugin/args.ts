// Flag parsing shared by every command: node:util parseArgs plus the global flags, generated
// --help text, and a UsageError that the entry point turns into usage on stderr and exit code 2.
import { parseArgs } from 'node:util';
import { parseEtcdCredentials, type EtcdCredentials } from '../lib/config/etcd-credentials';
import { DEFAULT_PREFIX } from '../lib/ipam/keys';
import { debugFromEnv } from '../lib/plugin/log';

export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  readonly description: string;
  /** Shown in help; string flags without a default are optional unless `required`. */
  readonly default?: string;
  readonly required?: boolean;
}

export type FlagSpecs = Record<string, FlagSpec>;

export class UsageError extends Error {}

export interface GlobalFlags {
  readonly endpoints: string[];
  readonly debug: boolean;
  readonly prefix: string;
  /** TLS and etcd user (--etcd-ca/--etcd-cert/--etcd-key/--etcd-username/--etcd-password-file, env IPAM_ETCD_*). */
  readonly credentials: EtcdCredentials;
}

export const DEFAULT_CLUSTER_STORE = 'http://127.0.0.1:2379';

export const globalFlags: FlagSpecs = {
  'cluster-store': {
    type: 'string',
    description: 'etcd endpoints, comma-separated (env IPAM_CLUSTER_STORE)',
    default: DEFAULT_CLUSTER_STORE,
  },
  debug: { type: 'boolean', description: 'log every request and reply (env IPAM_DEBUG)' },
  prefix: { type: 'string', description: 'etcd key prefix (env IPAM_ETCD_PREFIX)', default: DEFAULT_PREFIX },
  'etcd-ca': { type: 'string', description: "PEM file of the CA that signed etcd's certificate; needs https:// endpoints (env IPAM_ETCD_CA)" },
  'etcd-cert': { type: 'string', description: 'PEM client certificate for etcd --client-cert-auth (env IPAM_ETCD_CERT)' },
  'etcd-key': { type: 'string', description: "the client certificate's PEM private key (env IPAM_ETCD_KEY)" },
  'etcd-username': { type: 'string', description: 'etcd user, with auth enabled (env IPAM_ETCD_USERNAME)' },
  'etcd-password-file': { type: 'string', description: "file holding that user's password (env IPAM_ETCD_PASSWORD or IPAM_ETCD_PASSWORD_FILE)" },
  help: { type: 'boolean', description: 'show this help' },
};

export interface ParsedFlags {
  readonly values: Record<string, string | boolean | undefined>;
  readonly globals: GlobalFlags;
  readonly help: boolean;
}

export function parseFlags(args: readonly string[], specs: FlagSpecs, env: NodeJS.ProcessEnv = process.env): ParsedFlags {
  const all = { ...specs, ...globalFlags };
  const options = Object.fromEntries(
    Object.entries(all).map(([name, spec]) => [name, { type: spec.type, ...(name === 'help' ? { short: 'h' } : {}) }]),
  );
  const { words, booleans } = explicitBooleans(args, all);
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: words, options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  values = { ...values, ...booleans };
  const help = values.help === true;
  if (!help) {
    for (const [name, spec] of Object.entries(specs)) {
      if (spec.required && values[name] === undefined) throw new UsageError(`missing required flag --${name}`);
    }
  }
  const store = stringFlag(values, 'cluster-store') ?? env.IPAM_CLUSTER_STORE ?? DEFAULT_CLUSTER_STORE;
  const endpoints = store.split(',').map((endpoint) => endpoint.trim()).filter(Boolean);
  if (endpoints.length === 0 && !help) throw new UsageError('--cluster-store needs at least one etcd endpoint');
  const credentials = help ? { credentials: { tls: null, auth: null }, problems: [] } : etcdCredentialsOf(values, env, endpoints);
  if (credentials.problems.length > 0) throw new UsageError(credentials.problems.join('\n'));
  return {
    values,
    help,
    globals: {
      endpoints,
      // An explicit --debug=false wins over IPAM_DEBUG.
      debug: typeof values.debug === 'boolean' ? values.debug : debugFromEnv(env),
      prefix: stringFlag(values, 'prefix') ?? env.IPAM_ETCD_PREFIX ?? DEFAULT_PREFIX,
      credentials: credentials.credentials,
    },
  };
}

/** The flags win over the environment; both are read by the console's own parser (lib/config). */
function etcdCredentialsOf(values: ParsedFlags['values'], env: NodeJS.ProcessEnv, endpoints: readonly string[]) {
  const flag = (name: string) => stringFlag(values, name);
  const passwordFile = flag('etcd-password-file');
  const merged = {
    IPAM_ETCD_CA: flag('etcd-ca') ?? env.IPAM_ETCD_CA,
    IPAM_ETCD_CERT: flag('etcd-cert') ?? env.IPAM_ETCD_CERT,
    IPAM_ETCD_KEY: flag('etcd-key') ?? env.IPAM_ETCD_KEY,
    IPAM_ETCD_USERNAME: flag('etcd-username') ?? env.IPAM_ETCD_USERNAME,
    IPAM_ETCD_PASSWORD: passwordFile === undefined ? env.IPAM_ETCD_PASSWORD : undefined,
    IPAM_ETCD_PASSWORD_FILE: passwordFile ?? env.IPAM_ETCD_PASSWORD_FILE,
  };
  return parseEtcdCredentials(merged, 'IPAM_ETCD', endpoints);
}

/**
 * The seed writes booleans as `--debug=true`; node's parseArgs refuses a value on a boolean. This
 * takes `--name=true|false|1|0|yes|no` of boolean flags out of the words and returns their values.
 */
export function explicitBooleans(
  args: readonly string[],
  specs: FlagSpecs,
): { words: string[]; booleans: Record<string, boolean> } {
  const words: string[] = [];
  const booleans: Record<string, boolean> = {};
  for (const word of args) {
    const match = /^--([^=]+)=(.*)$/.exec(word);
    const name = match?.[1];
    if (!match || name === undefined || specs[name]?.type !== 'boolean') {
      words.push(word);
      continue;
    }
    const text = (match[2] ?? '').toLowerCase();
    if (['true', '1', 'yes'].includes(text)) booleans[name] = true;
    else if (['false', '0', 'no'].includes(text)) booleans[name] = false;
    else throw new UsageError(`--${name} takes true or false, got "${match[2] ?? ''}"`);
  }
  return { words, booleans };
}

export function stringFlag(values: ParsedFlags['values'], name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** For flags the parser already checked as required. */
export function requiredFlag(values: ParsedFlags['values'], name: string): string {
  const value = stringFlag(values, name);
  if (value === undefined) throw new UsageError(`missing required flag --${name}`);
  return value;
}

export function numberFlag(values: ParsedFlags['values'], name: string, fallback: number): number {
  const text = stringFlag(values, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new UsageError(`--${name} must be a non-negative number, got "${text}"`);
  return value;
}

export function helpText(command: string, summary: string, specs: FlagSpecs): string {
  const line = (name: string, spec: FlagSpec) => {
    const flag = spec.type === 'string' ? `--${name} VALUE` : `--${name}`;
    const notes = [spec.required ? 'required' : undefined, spec.default !== undefined ? `default ${spec.default}` : undefined].filter(Boolean);
    return `  ${flag.padEnd(26)} ${spec.description}${notes.length ? ` (${notes.join(', ')})` : ''}`;
  };
  const own = Object.entries(specs).map(([name, spec]) => line(name, spec));
  const global = Object.entries(globalFlags).map(([name, spec]) => line(name, spec));
  return [`usage: shipyard-ipam ${command} [flags]`, '', summary, '', 'flags:', ...own, '', 'global flags:', ...global, ''].join('\n');
}
