// GET /images/json through a gateway that fronts several engines: every engine's images (the
// call checked by the policy on each), as one list with one entry per image id, tags and digests
// joined, and `Hosts` naming the hosts that have it (the docker CLI shows the list as before;
// API callers see where each image is). `--filter node=h2` lists one host's (node-selector.ts).
import type { ServerResponse } from 'node:http';
import type { SessionUser } from '@/lib/auth/session-user';
import { applyPolicy } from './apply-policy';
import { hostOf, onEngine, type GatewayEngines } from './gateway-engines';
import type { GatewayContext } from './gateway-context';
import { answeredLists, answerJson, type HostList } from './merged-list';
import { takeNodeFilter } from './node-selector';
import { GatewayRefusal } from './refusal';
import { upstreamJson } from './upstream';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const stringsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];

/** One entry per image id, hosts in the order given, newest first. */
export function mergeImageLists(lists: readonly HostList[]): Record<string, unknown>[] {
  const byId = new Map<string, Record<string, unknown>>();
  for (const { host, entries } of lists) {
    for (const entry of entries) {
      if (!isRecord(entry) || typeof entry.Id !== 'string') continue;
      const known = byId.get(entry.Id);
      if (!known) {
        byId.set(entry.Id, { ...entry, Hosts: [host] });
        continue;
      }
      const counted = typeof known.Containers === 'number' && typeof entry.Containers === 'number' && known.Containers >= 0 && entry.Containers >= 0;
      byId.set(entry.Id, {
        ...known,
        RepoTags: union(stringsOf(known.RepoTags), stringsOf(entry.RepoTags)),
        RepoDigests: union(stringsOf(known.RepoDigests), stringsOf(entry.RepoDigests)),
        ...(counted ? { Containers: Number(known.Containers) + Number(entry.Containers) } : {}),
        Hosts: [...stringsOf(known.Hosts), host],
      });
    }
  }
  const created = (entry: Record<string, unknown>) => (typeof entry.Created === 'number' ? entry.Created : 0);
  return [...byId.values()].sort((a, b) => created(b) - created(a));
}

/** Answers the list itself; resolves with the status sent. A refusal by the policy is the caller's answer. */
export async function answerMergedImages(context: GatewayContext, engines: GatewayEngines, user: SessionUser, method: string, url: string, route: string, response: ServerResponse): Promise<number> {
  const { url: forwarded, selector } = takeNodeFilter(url);
  const hosts = await Promise.all(engines.all.map((engine) => hostOf(engine).catch(() => null)));
  const chosen = engines.all.filter((_, index) => selector === null || (hosts[index] != null && selector(hosts[index])));
  if (chosen.length === 0) throw new GatewayRefusal(404, `no host matches the node filter (hosts: ${hosts.filter((host) => host !== null).join(', ')})`);
  const results = await Promise.allSettled(
    chosen.map(async (engine): Promise<HostList> => {
      const forward = await applyPolicy(onEngine(context, engine), user, 'GET', forwarded, route, null);
      const answer = await upstreamJson(engine.upstream, forward.url);
      if (answer.status !== 200 || !Array.isArray(answer.body)) throw new GatewayRefusal(answer.status >= 400 && answer.status < 500 ? answer.status : 502, `the engine answered ${answer.status} to the images list`);
      return { host: await hostOf(engine), entries: answer.body };
    }),
  );
  return answerJson(response, method, mergeImageLists(answeredLists(results, 'the images list')));
}
