// A compose file as text (YAML), with an optional env file, read into a checked document: the
// YAML parsed, every value interpolated, the top level checked for what a stack can hold.
import { parse } from 'yaml';
import { ComposeFileError } from './compose-error';
import { InterpolationError, interpolate } from './compose-interpolation';
import { type ComposeMap, isMap, mapAt, stringAt } from './compose-reader';
import { EnvFileError, parseEnvFile } from './env-file';

export interface ComposeDocument {
  readonly services: ComposeMap;
  readonly networks: ComposeMap;
  readonly volumes: ComposeMap;
  readonly secrets: ComposeMap;
  readonly configs: ComposeMap;
  /** The env file's variables (an environment entry without a value takes its value from them). */
  readonly vars: ReadonlyMap<string, string>;
}

/** Top-level keys a stack deploy reads. */
const TOP_LEVEL = new Set(['version', 'name', 'services', 'networks', 'volumes', 'secrets', 'configs']);

/** An integer written 0440 is octal, as in the CLI's YAML 1.1 reader (file modes are written so). */
const LEADING_ZERO_OCTAL = {
  identify: (value: unknown) => typeof value === 'number',
  default: true,
  tag: 'tag:yaml.org,2002:int',
  test: /^0[0-7]+$/,
  resolve: (text: string) => parseInt(text, 8),
};

function readYaml(text: string): unknown {
  try {
    return parse(text, { maxAliasCount: 100, merge: true, customTags: (tags) => [LEADING_ZERO_OCTAL, ...tags] });
  } catch (error) {
    throw new ComposeFileError('(file)', `not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function readVars(envText: string | undefined): Map<string, string> {
  try {
    return envText ? parseEnvFile(envText) : new Map();
  } catch (error) {
    if (error instanceof EnvFileError) throw new ComposeFileError('(env file)', error.message);
    throw error;
  }
}

export function readComposeDocument(text: string, envText?: string): ComposeDocument {
  const vars = readVars(envText);
  const raw = readYaml(text);
  if (!isMap(raw)) throw new ComposeFileError('(file)', 'a compose file is a mapping with a "services" key');
  let root: ComposeMap;
  try {
    root = mapAt(interpolate(raw, vars), '(file)');
  } catch (error) {
    if (error instanceof InterpolationError) throw new ComposeFileError(error.path, error.message.slice(error.path.length + 2));
    throw error;
  }
  const version = stringAt(root.version, 'version');
  if (version !== undefined && !/^3(\.\d+)?$/.test(version)) {
    throw new ComposeFileError('version', `version ${version} is not a swarm stack file: use version "3.x" or leave version out (the compose spec)`);
  }
  for (const key of Object.keys(root)) {
    if (key.startsWith('x-')) continue;
    if (!TOP_LEVEL.has(key)) throw new ComposeFileError(key, 'not a top-level key of a compose file');
  }
  const services = mapAt(root.services, 'services');
  if (Object.keys(services).length === 0) throw new ComposeFileError('services', 'a stack needs at least one service');
  return { services, networks: mapAt(root.networks, 'networks'), volumes: mapAt(root.volumes, 'volumes'), secrets: mapAt(root.secrets, 'secrets'), configs: mapAt(root.configs, 'configs'), vars };
}
