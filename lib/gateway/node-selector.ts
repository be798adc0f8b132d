// Which hosts an image call through a several-engine gateway covers: every engine, as classic
// swarm's manager did, or the ones a `constraint:node==h2` names, given as the request header
// X-Shipyard-Constraint (the docker CLI sends it from config.json's HttpHeaders) or, for
// `docker images`, as a `node=h2` filter (taken out before the engines see the filters).
import type { IncomingHttpHeaders } from 'node:http';
import { parseConstraint, valueMatches } from '@/lib/placement/constraint-expression';
import { GatewayRefusal } from './refusal';

export const NODE_HEADER = 'x-shipyard-constraint';

/** A host test: true for every host when nothing is named. */
export type NodeSelector = (host: string) => boolean;

function fromConstraint(text: string): NodeSelector {
  const parsed = parseConstraint(text.replace(/^constraint:/, ''));
  if (typeof parsed === 'string' || parsed.target.kind !== 'node') {
    throw new GatewayRefusal(400, `${NODE_HEADER}: ${typeof parsed === 'string' ? parsed : 'only node== or node!= chooses hosts for image calls'} (e.g. node==h2)`);
  }
  const { operator, value } = parsed;
  return (host) => valueMatches(value, host) === (operator === '==');
}

/** The selector of the call's header, or null (every host). */
export function nodeSelectorOfHeaders(headers: IncomingHttpHeaders): NodeSelector | null {
  const value = headers[NODE_HEADER];
  const text = Array.isArray(value) ? value.join(',') : value;
  return text === undefined || text.trim() === '' ? null : fromConstraint(text.trim());
}

/**
 * The `node` filter of an images list, and the url without it (Docker refuses filters it does
 * not know). Docker's filters are {"name": {"value": true}} or the older {"name": ["value"]}.
 */
export function takeNodeFilter(url: string): { url: string; selector: NodeSelector | null } {
  const [path = '', query = ''] = url.split('?', 2);
  const params = new URLSearchParams(query);
  const raw = params.get('filters');
  if (raw === null) return { url, selector: null };
  let filters: unknown;
  try {
    filters = JSON.parse(raw);
  } catch {
    return { url, selector: null }; // the engine answers a malformed filter itself
  }
  if (typeof filters !== 'object' || filters === null || Array.isArray(filters) || !('node' in filters)) return { url, selector: null };
  const { node, ...rest } = filters as Record<string, unknown>;
  const names = Array.isArray(node) ? node : typeof node === 'object' && node !== null ? Object.keys(node) : [];
  const wanted = names.filter((name): name is string => typeof name === 'string' && name !== '');
  if (Object.keys(rest).length === 0) params.delete('filters');
  else params.set('filters', JSON.stringify(rest));
  const left = params.toString();
  return { url: left === '' ? path : `${path}?${left}`, selector: wanted.length === 0 ? null : (host) => wanted.some((name) => valueMatches(name, host)) };
}
