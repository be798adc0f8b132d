// `docker pull` (POST /images/create?fromImage=…) through a gateway that fronts several engines:
// pulled on every engine at once, as classic swarm's manager did, or on the hosts an
// X-Shipyard-Constraint header names (node-selector.ts). Each engine's progress is streamed back
// as it comes, its lines marked with the host ("h2/a1b2c3: Downloading", "h2: Status: …"), so
// the CLI draws one row per host and layer; a host's failure is an error line naming it (the CLI
// then exits non-zero). The policy is checked on each engine before anything is pulled. The
// login is the caller's X-Registry-Auth, else the saved registry's (pull-auth.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SessionUser } from '@/lib/auth/session-user';
import { engineAt, hideSocketPaths } from '@/lib/docker/engine-address';
import { applyPolicy } from './apply-policy';
import { requestHeadersForEngine } from './forwarded-headers';
import { hostOf, onEngine, type GatewayEngine, type GatewayEngines } from './gateway-engines';
import type { GatewayContext } from './gateway-context';
import { nodeSelectorOfHeaders } from './node-selector';
import { pullAuthFor } from './pull-auth';
import { GatewayRefusal } from './refusal';

/** The image a pull names: fromImage with its tag (Docker's own split). */
function imageOf(url: string): string {
  const query = new URLSearchParams(url.split('?').slice(1).join('?'));
  const image = query.get('fromImage') ?? '';
  const tag = query.get('tag');
  return tag ? `${image}${tag.startsWith('sha256:') ? '@' : ':'}${tag}` : image;
}

/** One progress line of `host`'s pull, marked with the host; a line that is not JSON goes as it is. */
export function markPullLine(host: string, line: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return line;
  const message: Record<string, unknown> = { ...parsed };
  if (typeof message.id === 'string' && message.id !== '') message.id = `${host}/${message.id}`;
  else if (typeof message.status === 'string') message.status = `${host}: ${message.status}`;
  if (typeof message.error === 'string') message.error = `${host}: ${message.error}`;
  const detail = message.errorDetail;
  if (typeof detail === 'object' && detail !== null && 'message' in detail && typeof detail.message === 'string') message.errorDetail = { ...detail, message: `${host}: ${detail.message}` };
  return JSON.stringify(message);
}

const errorLine = (host: string, text: string) => JSON.stringify({ errorDetail: { message: `${host}: ${text}` }, error: `${host}: ${text}` });

/** One engine's pull, its lines written to `write` as they come. */
function pullOn(engine: GatewayEngine, host: string, url: string, headers: string[], write: (line: string) => void): Promise<void> {
  return new Promise((resolve) => {
    const outgoing = engine.upstream.request('POST', url, headers);
    outgoing.once('error', (error) => {
      write(errorLine(host, hideSocketPaths(`the engine${engineAt(engine.upstream.url)} failed the pull: ${error.message}`)));
      resolve();
    });
    outgoing.once('response', (answer) => {
      let pending = '';
      let failed = '';
      answer.setEncoding('utf8');
      answer.on('data', (chunk: string) => {
        if (answer.statusCode !== 200) {
          failed += chunk;
          return;
        }
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) if (line.trim() !== '') write(markPullLine(host, line));
      });
      answer.once('end', () => {
        if (pending.trim() !== '') write(markPullLine(host, pending));
        if (answer.statusCode !== 200) write(errorLine(host, /"message":"([^"]*)"/.exec(failed)?.[1] ?? `the engine answered ${answer.statusCode ?? 0}`));
        resolve();
      });
      answer.once('error', () => resolve());
    });
    outgoing.end();
  });
}

/** Answers the pull itself; resolves with the status sent (200 once streaming began: errors are in the stream, as Docker's). */
export async function answerPullEverywhere(context: GatewayContext, engines: GatewayEngines, user: SessionUser, url: string, route: string, request: IncomingMessage, response: ServerResponse): Promise<number> {
  const selector = nodeSelectorOfHeaders(request.headers);
  const hosts = await Promise.all(engines.all.map((engine) => hostOf(engine).catch(() => null)));
  const chosen = engines.all.flatMap((engine, index) => {
    const host = hosts[index];
    return host !== null && host !== undefined && (selector === null || selector(host)) ? [{ engine, host }] : [];
  });
  if (chosen.length === 0) throw new GatewayRefusal(404, `no host answers or matches ${selector ? 'the X-Shipyard-Constraint header' : 'the pull'} (hosts: ${hosts.filter((host) => host !== null).join(', ')})`);
  // Every engine's policy first: a refusal is the caller's answer, before anything is pulled.
  const forwards = await Promise.all(chosen.map(({ engine }) => applyPolicy(onEngine(context, engine), user, 'POST', url, route, null)));
  const auth = await pullAuthFor(context, user, request.headers, imageOf(url));
  const raw = request.rawHeaders.filter((_, index, all) => {
    const name = (index % 2 === 0 ? all[index] : all[index - 1])?.toLowerCase();
    return name !== 'x-registry-auth' && name !== 'x-shipyard-constraint';
  });
  const headers = [...requestHeadersForEngine(raw, Buffer.alloc(0)), ...(auth !== undefined ? ['X-Registry-Auth', auth] : [])];
  response.writeHead(200, { 'content-type': 'application/json' });
  const write = (line: string) => response.write(`${line}\r\n`);
  await Promise.all(chosen.map(({ engine, host }, index) => pullOn(engine, host, forwards[index]?.url ?? url, headers, write)));
  response.end();
  return 200;
}
