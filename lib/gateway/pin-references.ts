import { foldKey } from './go-json-keys';
import { GatewayRefusal } from './refusal';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The key of `object` that Go would match to `field` (the body has no key twice: read-body.ts). */
function keyFor(object: JsonObject, field: string): string | undefined {
  const folded = foldKey(field);
  return Object.keys(object).find((key) => foldKey(key) === folded);
}

export function fieldOf(object: unknown, field: string): unknown {
  if (!isObject(object)) return undefined;
  const key = keyFor(object, field);
  return key === undefined ? undefined : object[key];
}

/** Replaces a field's value in place, under the key the body spelled it with. */
function setField(object: JsonObject, field: string, value: unknown): void {
  const key = keyFor(object, field);
  if (key !== undefined) object[key] = value;
}

/** A container reference in a create body: `container:<ref>` in a mode, or `<ref>[:ro]` in VolumesFrom. */
export interface ContainerReference {
  reference: string;
  /** Writes the full id in the reference's place. */
  pin(id: string): void;
}

const SHARED_MODES = ['NetworkMode', 'PidMode', 'IpcMode'] as const;

/**
 * The container references in a create body, in the HostConfig and at the top level (the legacy
 * place), each with a way to pin it to a full id. The engine reads `container:` case-sensitively.
 */
export function containerReferences(body: unknown): ContainerReference[] {
  if (!isObject(body)) return [];
  const places = [body];
  const inner = fieldOf(body, 'HostConfig');
  if (isObject(inner)) places.push(inner);
  const found: ContainerReference[] = [];
  for (const place of places) {
    for (const mode of SHARED_MODES) {
      const value = fieldOf(place, mode);
      if (typeof value === 'string' && value.startsWith('container:')) {
        found.push({ reference: value.slice('container:'.length), pin: (id) => setField(place, mode, `container:${id}`) });
      }
    }
    const volumesFrom = fieldOf(place, 'VolumesFrom');
    if (Array.isArray(volumesFrom)) {
      volumesFrom.forEach((entry: unknown, index) => {
        if (typeof entry !== 'string') return;
        const [reference = '', ...rest] = entry.split(':');
        found.push({ reference, pin: (id) => (volumesFrom[index] = [id, ...rest].join(':')) });
      });
    }
  }
  return found;
}

/** The network targets of a service spec (TaskTemplate.Networks and the deprecated top-level Networks), each pinnable. */
export function serviceNetworkReferences(body: unknown): ContainerReference[] {
  const lists = [fieldOf(fieldOf(body, 'TaskTemplate'), 'Networks'), fieldOf(body, 'Networks')];
  const found: ContainerReference[] = [];
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const attachment of list) {
      const target = fieldOf(attachment, 'Target');
      if (isObject(attachment) && typeof target === 'string' && target !== '') {
        found.push({ reference: target, pin: (id) => setField(attachment, 'Target', id) });
      }
    }
  }
  return found;
}

function assertExactNumbers(value: unknown): void {
  if (typeof value === 'number' && (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value)))) {
    throw new GatewayRefusal(400, `The request body holds the number ${value}, which Shipyard cannot pass on exactly after pinning its references: send it within ±2^53`);
  }
  if (Array.isArray(value)) value.forEach(assertExactNumbers);
  else if (isObject(value)) Object.values(value).forEach(assertExactNumbers);
}

/** The body, with its pinned references, as forwarded. */
export function encodePinnedBody(body: unknown): Buffer {
  assertExactNumbers(body);
  return Buffer.from(JSON.stringify(body));
}
