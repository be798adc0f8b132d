// The choke point: every dockerode call ends in modem.dial(options, callback). A view of the
// modem whose dial first shows the request to the gate, with the caller, and sends it only if the
// gate allows it. The request is described as docker-modem will build it (docker-modem 5, modem.js).
import { stringify } from 'node:querystring';
import type DockerModem from 'docker-modem';
import type Docker from 'dockerode';
import type { EngineCaller, EngineLookup, EngineRequest, EngineRequestGate, ForwardedEngineRequest } from './engine-request';

type DialOptions = DockerModem.DialOptions;
type DialCallback = DockerModem.RequestCallback;

/** Options docker-modem strips before building the query string and the body. */
const NOT_SENT = new Set(['authconfig', 'abortSignal']);

/** docker-modem's buildQuerystring: nested objects (filters) are JSON-encoded, arrays repeat the key. */
function queryString(parameters: Record<string, unknown>): string {
  const flat: Record<string, string | number | boolean | readonly (string | number | boolean)[]> = {};
  for (const [key, value] of Object.entries(parameters)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) flat[key] = JSON.stringify(value);
    else flat[key] = value as string | number | boolean | readonly (string | number | boolean)[];
  }
  return stringify(flat);
}

/** The request dial(options) will send, without changing `options` (dial itself strips and prefixes them). */
export function describeRequest(engine: string, version: string | undefined, options: DialOptions): EngineRequest {
  const given = options.options ?? {};
  const sent = Object.fromEntries(Object.entries(given).filter(([key]) => !NOT_SENT.has(key)));
  const path = (version ? `/${version}` : '') + options.path;
  let fullPath = path;
  let query: Record<string, unknown> = {};
  if (options.path.includes('?')) {
    if (options.options && Object.keys(sent).length > 0) {
      query = (sent._query as Record<string, unknown> | undefined) ?? sent;
      fullPath = path + queryString(query);
    } else fullPath = path.slice(0, -1);
  }
  let body: unknown;
  if (!options.file && options.options && options.method === 'POST') {
    const encoded = sent._body ?? sent;
    const json = JSON.stringify(encoded);
    body = options.allowEmpty || (json !== '{}' && json !== '""') ? encoded : undefined;
  }
  return { engine, method: options.method ?? 'GET', path: fullPath, query, body, hijack: options.hijack === true, upload: options.file !== undefined };
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/** The modem without a version of its own: a path the gate gives already carries the version it checked. */
function unversioned(modem: DockerModem): DockerModem {
  const sender: DockerModem = Object.create(modem) as DockerModem;
  Object.defineProperty(sender, 'version', { value: undefined });
  return sender;
}

/**
 * The dial options that send `forwarded` in place of what `options` described: its path as given
 * (an empty `_query` appends nothing to a path that holds a query), its body JSON-encoded (an
 * empty `_body` sends none), and everything else of `options` (hijack, stream, upload, auth header).
 */
export function forwardedDialOptions(options: DialOptions, forwarded: ForwardedEngineRequest): DialOptions {
  const body = forwarded.body === undefined ? {} : forwarded.body;
  return { ...options, path: forwarded.path, options: { _query: {}, _body: body }, allowEmpty: forwarded.body !== undefined && options.allowEmpty === true };
}

/** GETs on the engine that pass no gate: what the gate itself looks up (no recursion through the gate). */
export function rawLookup(modem: DockerModem): EngineLookup {
  const sender = unversioned(modem);
  return (path) =>
    new Promise((resolve, reject) => {
      sender.dial({ path, method: 'GET', options: {}, statusCodes: { 200: true } }, (error: unknown, data: unknown) => {
        if (!error) return resolve({ status: 200, body: data });
        const answered = error as { statusCode?: unknown; json?: unknown };
        if (typeof answered.statusCode === 'number') resolve({ status: answered.statusCode, body: answered.json ?? null });
        else reject(asError(error));
      });
    });
}

/**
 * A modem that sends nothing the gate refuses, and what the gate checked when it gives a request
 * to send in place of the one shown. It shares everything else (agent, sockets, TLS material)
 * with `modem`: making one per caller costs a few small objects.
 */
export function gatedModem(modem: DockerModem, engine: string, caller: EngineCaller, gate: () => EngineRequestGate, onAnswered?: AnsweredListener): DockerModem {
  const view: DockerModem = Object.create(modem) as DockerModem;
  const sender = unversioned(modem);
  const lookup = rawLookup(modem);
  view.dial = (options: DialOptions, callback?: DialCallback) => {
    let request: EngineRequest;
    try {
      request = describeRequest(engine, (modem as { version?: string }).version, options);
    } catch (error) {
      callback?.(asError(error), null);
      return;
    }
    // Told before the caller hears the answer: whatever the caller reads next must see its own change.
    const answered: DialCallback | undefined = onAnswered
      ? (error, data) => {
          onAnswered(request);
          callback?.(error, data);
        }
      : callback;
    Promise.resolve()
      .then(() => gate()(request, caller, lookup))
      .then(
        (forwarded) => (forwarded ? sender.dial(forwardedDialOptions(options, forwarded), answered) : modem.dial(options, answered)),
        (error: unknown) => callback?.(asError(error), null),
      );
  };
  return view;
}

/** Called with each request the engine answered (successfully or not), before its caller hears the answer. */
export type AnsweredListener = (request: EngineRequest) => void;

/** A view of a dockerode client whose every request (its own and its containers', images'…) passes the gate as `caller`. */
export function gatedDocker(docker: Docker, engine: string, caller: EngineCaller, gate: () => EngineRequestGate, onAnswered?: AnsweredListener): Docker {
  const view: Docker = Object.create(docker) as Docker;
  Object.defineProperty(view, 'modem', { value: gatedModem(docker.modem, engine, caller, gate, onAnswered) });
  return view;
}
