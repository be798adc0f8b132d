import type { Permission } from '@/lib/auth/permissions';

/** What a call needs: a console permission, the admin role, or only a valid token. */
export type GatewayRequirement = Permission | 'admin' | 'signed-in';

/** Request bodies read before forwarding, for host-escaping options (see body-escapes.ts). */
export type BodyCheck = 'container-create' | 'service-spec' | 'exec-create' | 'volume-create';

export interface GatewayRule {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  /** `{id}` is one path segment; `{name*}` one or more (image names hold slashes). */
  pattern: string;
  requires: GatewayRequirement;
  body?: BodyCheck;
  /**
   * The call reaches inside the container `{id}` (exec, attach, files): a non-admin may not use
   * it on a container that itself escapes to the host, or exec would hand them what create refused.
   */
  entersContainer?: boolean;
  /** `{id}` is an exec: the same rule, for the exec's container (looked up on the engine). */
  entersExec?: boolean;
  /** Why the rule needs what it needs, for the refusal. */
  why?: string;
}

const rule = (method: GatewayRule['method'], pattern: string, requires: GatewayRequirement, extra: Partial<GatewayRule> = {}): GatewayRule => ({
  method,
  pattern,
  requires,
  ...extra,
});

/**
 * Every Docker Engine API call the gateway forwards; anything else is refused. Areas follow the
 * console's permissions (lib/auth/permissions.ts). Not listed on purpose: /build (its RUN steps
 * may use the host network), /session, /grpc, plugins except for admins, checkpoints.
 */
export const GATEWAY_RULES: readonly GatewayRule[] = [
  rule('GET', '/_ping', 'signed-in'),
  rule('GET', '/version', 'signed-in'),
  rule('GET', '/info', 'signed-in'),

  rule('GET', '/containers/json', 'containers:read'),
  rule('GET', '/containers/{id}/json', 'containers:read'),
  rule('GET', '/containers/{id}/top', 'containers:read'),
  rule('GET', '/containers/{id}/logs', 'containers:read'),
  rule('GET', '/containers/{id}/changes', 'containers:read'),
  rule('GET', '/containers/{id}/stats', 'containers:read'),
  rule('GET', '/exec/{id}/json', 'containers:read'),
  rule('GET', '/events', 'containers:read'),
  rule('GET', '/system/df', 'containers:read'),
  rule('GET', '/volumes', 'volumes:read'),
  rule('GET', '/volumes/{name}', 'volumes:read'),

  rule('POST', '/containers/create', 'containers:write', { body: 'container-create' }),
  ...['start', 'stop', 'restart', 'kill', 'pause', 'unpause', 'rename', 'update', 'resize', 'wait'].map((action) =>
    rule('POST', `/containers/{id}/${action}`, 'containers:write'),
  ),
  rule('DELETE', '/containers/{id}', 'containers:write'),
  rule('POST', '/containers/prune', 'containers:write'),
  rule('POST', '/containers/{id}/attach', 'containers:write', { entersContainer: true }),
  rule('GET', '/containers/{id}/attach/ws', 'containers:write', { entersContainer: true }),
  rule('POST', '/containers/{id}/exec', 'containers:write', { body: 'exec-create', entersContainer: true }),
  rule('POST', '/exec/{id}/start', 'containers:write', { entersExec: true }),
  rule('POST', '/exec/{id}/resize', 'containers:write', { entersExec: true }),
  // docker cp: reading or writing a container's files is as much as exec on it.
  rule('HEAD', '/containers/{id}/archive', 'containers:write', { entersContainer: true }),
  rule('GET', '/containers/{id}/archive', 'containers:write', { entersContainer: true }),
  rule('PUT', '/containers/{id}/archive', 'containers:write', { entersContainer: true }),
  rule('GET', '/containers/{id}/export', 'containers:write', { entersContainer: true }),
  rule('POST', '/volumes/create', 'volumes:write', { body: 'volume-create' }),
  rule('DELETE', '/volumes/{name}', 'volumes:write'),
  rule('POST', '/volumes/prune', 'volumes:write'),

  rule('GET', '/images/json', 'images:read'),
  rule('GET', '/images/search', 'images:read'),
  rule('GET', '/images/get', 'images:read'),
  rule('GET', '/images/{name*}/json', 'images:read'),
  rule('GET', '/images/{name*}/history', 'images:read'),
  rule('GET', '/images/{name*}/get', 'images:read'),
  rule('GET', '/distribution/{name*}/json', 'admin', { why: 'it makes the engine contact any registry the name points at' }),
  // ?fromSrc=<url> (an import) is the policy's to refuse (lib/policy routes.ts).
  rule('POST', '/images/create', 'images:write'),
  rule('POST', '/images/load', 'admin', { why: 'a loaded image tarball can replace any tag, the images admins run included' }),
  rule('POST', '/images/prune', 'images:write'),
  rule('POST', '/images/{name*}/push', 'images:write'),
  rule('POST', '/images/{name*}/tag', 'images:write'),
  rule('DELETE', '/images/{name*}', 'images:write'),
  // ?container= names the container whose files become the image: as much as export.
  rule('POST', '/commit', 'images:write', { entersContainer: true }),
  rule('POST', '/auth', 'admin', { why: 'it makes the engine log in to any address' }),

  rule('GET', '/networks', 'networks:read'),
  rule('GET', '/networks/{id}', 'networks:read'),
  rule('POST', '/networks/create', 'networks:write'),
  rule('POST', '/networks/prune', 'networks:write'),
  rule('POST', '/networks/{id}/connect', 'networks:write'),
  rule('POST', '/networks/{id}/disconnect', 'networks:write'),
  rule('DELETE', '/networks/{id}', 'networks:write'),

  ...['nodes', 'services', 'tasks'].flatMap((kind) => [
    rule('GET', `/${kind}`, 'swarm:read'),
    rule('GET', `/${kind}/{id}`, 'swarm:read'),
  ]),
  rule('GET', '/services/{id}/logs', 'swarm:read'),
  rule('GET', '/tasks/{id}/logs', 'swarm:read'),
  rule('POST', '/services/create', 'swarm:write', { body: 'service-spec' }),
  rule('POST', '/services/{id}/update', 'swarm:write', { body: 'service-spec' }),
  rule('DELETE', '/services/{id}', 'swarm:write'),
  rule('POST', '/nodes/{id}/update', 'admin', { why: "a node's role and labels decide where tasks, and the swarm's managers, run" }),
  rule('DELETE', '/nodes/{id}', 'swarm:write'),
  // A config's inspect answer holds its data; secrets are the cluster's credentials: admins, and
  // accounts an admin granted the secrets area (the policy weighs the same grant).
  ...['secrets', 'configs'].flatMap((kind) => {
    const why = `${kind} hold the cluster's credentials and configuration`;
    return [
      rule('GET', `/${kind}`, 'secrets:read', { why }),
      rule('GET', `/${kind}/{id}`, 'secrets:read', { why }),
      rule('POST', `/${kind}/create`, 'secrets:write', { why }),
      rule('POST', `/${kind}/{id}/update`, 'secrets:write', { why }),
      rule('DELETE', `/${kind}/{id}`, 'secrets:write', { why }),
    ];
  }),

  // The swarm object carries the join tokens, which let a machine join the cluster.
  ...[
    rule('GET', '/swarm', 'admin'),
    rule('GET', '/swarm/unlockkey', 'admin'),
    ...['init', 'join', 'leave', 'update', 'unlock'].map((action) => rule('POST', `/swarm/${action}`, 'admin')),
  ].map((each) => ({ ...each, why: 'the swarm object holds the join tokens and decides who manages the cluster' })),
  // Plugins run with the host's privileges.
  ...[
    rule('GET', '/plugins', 'admin'),
    rule('GET', '/plugins/privileges', 'admin'),
    rule('GET', '/plugins/{name*}/json', 'admin'),
    rule('POST', '/plugins/pull', 'admin'),
    ...['enable', 'disable', 'upgrade', 'set', 'push'].map((action) => rule('POST', `/plugins/{name*}/${action}`, 'admin')),
    rule('DELETE', '/plugins/{name*}', 'admin'),
  ].map((each) => ({ ...each, why: "plugins run with the host's privileges" })),
];

export interface GatewayMatch {
  rule: GatewayRule;
  params: Record<string, string>;
}

interface CompiledRule {
  rule: GatewayRule;
  regex: RegExp;
  names: string[];
}

function compile(entry: GatewayRule): CompiledRule {
  const names: string[] = [];
  const source = entry.pattern
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)(\*?)\}$/.exec(segment);
      if (!param?.[1]) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1]);
      return param[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  return { rule: entry, regex: new RegExp(`^${source}$`), names };
}

const COMPILED = GATEWAY_RULES.map(compile);

/** The rule for a call, with its path parameters; null when the call is not on the list. HEAD counts as GET. */
export function matchGatewayRoute(method: string, route: string): GatewayMatch | null {
  const upper = method.toUpperCase();
  const methods = upper === 'HEAD' ? ['HEAD', 'GET'] : [upper];
  for (const wanted of methods) {
    for (const { rule: entry, regex, names } of COMPILED) {
      if (entry.method !== wanted) continue;
      const found = regex.exec(route);
      if (!found) continue;
      const params: Record<string, string> = {};
      names.forEach((name, index) => {
        params[name] = found[index + 1] ?? '';
      });
      return { rule: entry, params };
    }
  }
  return null;
}
