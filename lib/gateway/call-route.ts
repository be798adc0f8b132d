// Where a gateway call goes when the gateway fronts several engines: a create is placed, the
// containers list is merged, a call about a container or an exec goes to the engine that holds
// it; the images list is merged and a pull made on every engine (or those a node constraint
// names); every other call (networks, swarm, events, prunes, an import) goes to the manager as before.
import type { GatewayRule } from './allow-list';

export type CallRoute =
  | { readonly kind: 'manager' }
  | { readonly kind: 'create' }
  | { readonly kind: 'list' }
  | { readonly kind: 'image-list' }
  | { readonly kind: 'pull' }
  | { readonly kind: 'container'; readonly reference: string }
  | { readonly kind: 'exec'; readonly reference: string };

export function routeOfCall(rule: Pick<GatewayRule, 'method' | 'pattern'>, params: Readonly<Record<string, string>>, query: URLSearchParams): CallRoute {
  if (rule.method === 'POST' && rule.pattern === '/containers/create') return { kind: 'create' };
  if (rule.method === 'GET' && rule.pattern === '/containers/json') return { kind: 'list' };
  if (rule.method === 'GET' && rule.pattern === '/images/json') return { kind: 'image-list' };
  // An import (fromSrc) carries its image in the body: one engine, the manager.
  if (rule.method === 'POST' && rule.pattern === '/images/create' && query.has('fromImage') && !query.has('fromSrc')) return { kind: 'pull' };
  if (rule.pattern.startsWith('/containers/{id}') && params.id) return { kind: 'container', reference: params.id };
  if (rule.pattern === '/commit') {
    const container = query.get('container');
    return container ? { kind: 'container', reference: container } : { kind: 'manager' };
  }
  if (rule.pattern.startsWith('/exec/{id}') && params.id) return { kind: 'exec', reference: params.id };
  return { kind: 'manager' };
}
