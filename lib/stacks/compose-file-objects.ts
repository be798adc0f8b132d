// A compose file's secrets and configs as `docker stack deploy` converts them (cli/compose/convert
// compose.go fileObjectConfig, service.go convertFileObject): top-level ones given by `file:` are
// created as <stack>_<name> (or their `name:`) labelled with the stack; `external: true` ones must
// exist; a service refers to them by the short (`- name`) or long (source/target/uid/gid/mode)
// syntax, with the CLI's defaults (target = source, uid/gid "0", mode 0444) and order (by name).
import type { ConfigReference, SecretReference, SwarmObjectKind } from '@/lib/docker/volume-secret-shapes';
import { ComposeFileError } from './compose-error';
import { type ComposeMap, booleanAt, isMap, labelsAt, mapAt, stringAt } from './compose-reader';
import type { StackNames } from './stack-names';

export type { SwarmObjectKind };

/** A top-level secret or config of the file. */
export interface StackFileObject {
  readonly kind: SwarmObjectKind;
  /** Its key in the file ("db_password"). */
  readonly key: string;
  /** Its Docker name: <stack>_<key>, its `name:`, or (external) the existing object's name. */
  readonly name: string;
  readonly external: boolean;
  /** The `file:` it is read from (not external): its contents come with the deploy request. */
  readonly file?: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** Top-level keys read; `driver`, `template_driver` (admin-only engine fields) and `environment` are refused with why. */
const OBJECT_KEYS = new Set(['file', 'external', 'name', 'labels']);
const REFUSED_OBJECT_KEYS: Readonly<Record<string, string>> = {
  driver: 'secret drivers are plugins on the managers: create such a secret in the console (admins) and declare it external',
  template_driver: 'templated secrets and configs read other swarm objects: create one in the console (admins) and declare it external',
  environment: 'a secret from the environment of the machine running the deploy is not something the console has: use file: and give its contents',
  content: 'inline content is not read by `docker stack deploy`: put it in a file and give its contents with the deploy',
};

/** Docker's limit for a secret's or config's data. */
export const MAX_FILE_OBJECT_BYTES = 500 * 1024;
/** CLI default mode of a mounted secret/config: 0444. */
const DEFAULT_MODE = 0o444;

const singular = (kind: SwarmObjectKind) => (kind === 'secrets' ? 'secret' : 'config');

function isExternal(value: ComposeMap, path: string): boolean {
  if (isMap(value.external)) return true;
  return booleanAt(value.external, `${path}.external`) ?? false;
}

/** The file's top-level `secrets:` or `configs:`, checked. */
export function fileObjectsOf(kind: SwarmObjectKind, declared: ComposeMap, names: StackNames): StackFileObject[] {
  return Object.keys(declared)
    .sort()
    .map((key) => {
      const path = `${kind}.${key}`;
      if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(key)) throw new ComposeFileError(path, `a ${singular(kind)} name is letters, digits, "_", "." or "-"`);
      const value = mapAt(declared[key], path);
      for (const option of Object.keys(value)) {
        const refused = REFUSED_OBJECT_KEYS[option];
        if (refused) throw new ComposeFileError(`${path}.${option}`, refused);
        if (!OBJECT_KEYS.has(option) && !option.startsWith('x-')) throw new ComposeFileError(`${path}.${option}`, `not an option of a stack ${singular(kind)}`);
      }
      const external = isExternal(value, path);
      // compose 3.x's `external: {name: x}` names the existing object too.
      const externalName = isMap(value.external) ? stringAt(value.external.name, `${path}.external.name`) : undefined;
      const name = externalName ?? stringAt(value.name, `${path}.name`) ?? (external ? key : names.scoped(key));
      const labels = names.labelled(labelsAt(value.labels, `${path}.labels`));
      if (external) {
        if (value.file !== undefined) throw new ComposeFileError(`${path}.file`, `an external ${singular(kind)} exists already: it has no file`);
        return { kind, key, name, external, labels };
      }
      const file = stringAt(value.file, `${path}.file`);
      if (!file) throw new ComposeFileError(`${path}.file`, `a stack ${singular(kind)} is given by file: (its contents come with the deploy) or is external: true`);
      return { kind, key, name, external, file, labels };
    });
}

/** Octal as the CLI's YAML 1.1 reads it (0440), or "0440" as text; a plain number is taken as it is. */
function modeAt(value: unknown, path: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const mode = typeof value === 'number' ? value : typeof value === 'string' && /^0?[0-7]{1,4}$/.test(value) ? parseInt(value, 8) : NaN;
  if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) throw new ComposeFileError(path, `${JSON.stringify(value)} is not a file mode such as 0440`);
  return mode;
}

const idText = (value: unknown, path: string): string | undefined => {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  return stringAt(value, path);
};

/** The file target of one reference, as the CLI's convertFileObject. */
interface ConvertedReference {
  readonly name: string;
  readonly file: { Name: string; UID: string; GID: string; Mode: number };
}

/** A service's `secrets:` or `configs:` list; each source must be declared at the top level. */
export function serviceFileObjectsOf(kind: SwarmObjectKind, value: unknown, path: string, declared: readonly StackFileObject[]): ConvertedReference[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new ComposeFileError(path, `a list of ${kind} (names, or source/target/uid/gid/mode)`);
  const references = value.map((item: unknown, index) => {
    const at = `${path}[${index}]`;
    const long = isMap(item) ? item : null;
    const source = long ? stringAt(long.source, `${at}.source`) : stringAt(item, at);
    if (!source) throw new ComposeFileError(long ? `${at}.source` : at, `names a top-level ${singular(kind)}`);
    const object = declared.find((candidate) => candidate.key === source);
    if (!object) throw new ComposeFileError(at, `${singular(kind)} "${source}" is not declared under the top-level ${kind}:`);
    if (long) {
      for (const option of Object.keys(long)) {
        if (!['source', 'target', 'uid', 'gid', 'mode'].includes(option)) throw new ComposeFileError(`${at}.${option}`, `not an option of a service's ${singular(kind)}`);
      }
    }
    return {
      name: object.name,
      file: {
        Name: (long ? stringAt(long.target, `${at}.target`) : undefined) || source,
        UID: (long ? idText(long.uid, `${at}.uid`) : undefined) || '0',
        GID: (long ? idText(long.gid, `${at}.gid`) : undefined) || '0',
        Mode: (long ? modeAt(long.mode, `${at}.mode`) : undefined) ?? DEFAULT_MODE,
      },
    };
  });
  return references.length === 0 ? undefined : [...references].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Secret references as the spec holds them; the ids are filled in at deploy (by name). */
export const secretReferencesOf = (references: readonly ConvertedReference[] | undefined): SecretReference[] | undefined =>
  references?.map((reference) => ({ File: reference.file, SecretID: '', SecretName: reference.name }));

export const configReferencesOf = (references: readonly ConvertedReference[] | undefined): ConfigReference[] | undefined =>
  references?.map((reference) => ({ File: reference.file, ConfigID: '', ConfigName: reference.name }));

/** `./a/b.txt`, `a/b.txt` and `a\\b.txt` name the same given file. */
export function normaliseFilePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/** The given contents of `file`: the same path, else the one given file of that base name. */
export function givenFileContents(files: Readonly<Record<string, string>>, file: string): string | undefined {
  const wanted = normaliseFilePath(file);
  const byPath = Object.entries(files).find(([path]) => normaliseFilePath(path) === wanted);
  if (byPath) return byPath[1];
  const base = wanted.split('/').pop() ?? wanted;
  const byBase = Object.entries(files).filter(([path]) => (normaliseFilePath(path).split('/').pop() ?? '') === base);
  return byBase.length === 1 ? byBase[0]?.[1] : undefined;
}
