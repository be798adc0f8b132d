// GET /containers/json through a gateway that fronts several engines: each engine's list (the
// call checked by the policy on that engine), merged newest first, each name prefixed with its
// host as classic swarm's manager showed them ("/h2/web"), so `docker ps` names where each runs.
// An engine that does not answer is left out, as the console's own list leaves it out.
import type { ServerResponse } from 'node:http';
import type { SessionUser } from '@/lib/auth/session-user';
import { applyPolicy } from './apply-policy';
import { hostOf, onEngine, type GatewayEngines } from './gateway-engines';
import type { GatewayContext } from './gateway-context';
import { GatewayRefusal } from './refusal';
import { upstreamJson } from './upstream';

export interface HostList {
  readonly host: string;
  readonly entries: readonly unknown[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const createdOf = (entry: unknown) => (isRecord(entry) && typeof entry.Created === 'number' ? entry.Created : 0);

/** The lists as one, names prefixed by host, newest first, at most `limit` (Docker's ?limit) when given. */
export function mergeContainerLists(lists: readonly HostList[], limit: number | null): unknown[] {
  const merged = lists.flatMap(({ host, entries }) =>
    entries.map((entry) => {
      if (!isRecord(entry) || !Array.isArray(entry.Names)) return entry;
      const names = entry.Names.map((name) => (typeof name === 'string' ? `/${host}${name.startsWith('/') ? name : `/${name}`}` : name));
      return { ...entry, Names: names };
    }),
  );
  merged.sort((a, b) => createdOf(b) - createdOf(a));
  return limit !== null && limit > 0 ? merged.slice(0, limit) : merged;
}

function limitOf(url: string): number | null {
  const value = new URLSearchParams(url.split('?').slice(1).join('?')).get('limit');
  const limit = value === null ? NaN : Number(value);
  return Number.isInteger(limit) && limit > 0 ? limit : null;
}

async function listOn(context: GatewayContext, engines: GatewayEngines, index: number, user: SessionUser, url: string, route: string): Promise<HostList> {
  const engine = engines.all[index];
  if (!engine) throw new Error('no such engine');
  const forward = await applyPolicy(onEngine(context, engine), user, 'GET', url, route, null);
  const answer = await upstreamJson(engine.upstream, forward.url);
  if (answer.status !== 200 || !Array.isArray(answer.body)) throw new GatewayRefusal(502, `the engine answered ${answer.status} to the containers list`);
  return { host: await hostOf(engine), entries: answer.body };
}

/** Answers the list itself; resolves with the status sent. A refusal by the policy is the caller's answer. */
export async function answerMergedList(context: GatewayContext, engines: GatewayEngines, user: SessionUser, method: string, url: string, route: string, response: ServerResponse): Promise<number> {
  const results = await Promise.allSettled(engines.all.map((_, index) => listOn(context, engines, index, user, url, route)));
  return answerJson(response, method, mergeContainerLists(answeredLists(results, 'the containers list'), limitOf(url)));
}

/**
 * The lists of the engines that answered: an engine that is away (5xx, no answer) is left out, a
 * refusal (4xx, the policy's too) is the caller's answer, and no list at all is the first failure.
 */
export function answeredLists(results: readonly PromiseSettledResult<HostList>[], what: string): HostList[] {
  const lists: HostList[] = [];
  for (const result of results) {
    if (result.status === 'fulfilled') lists.push(result.value);
    else if (result.reason instanceof GatewayRefusal && result.reason.status < 500) throw result.reason;
  }
  if (lists.length === 0) {
    const [first] = results;
    throw first?.status === 'rejected' ? first.reason : new GatewayRefusal(502, `no engine answered ${what}`);
  }
  return lists;
}

/** A merged answer, as the engine would send it; resolves with the status sent. */
export function answerJson(response: ServerResponse, method: string, value: unknown): number {
  const body = JSON.stringify(value);
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(method === 'HEAD' ? undefined : body);
  return 200;
}
