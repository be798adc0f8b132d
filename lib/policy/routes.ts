// Every endpoint of the engine's API (v1.41, plus the few its router has beyond the description:
// /session, /grpc, checkpoints, /containers/{id}/copy), what a non-admin may do with it, which
// body it reads, its query parameters, and whether it hijacks the connection. Not listed: not
// forwarded, for anyone.

import type { Permission } from '@/lib/auth/permissions';

/** open: any caller the area permissions let through; admin-only; granted: admins and accounts holding `grant`. */
export type RouteAccess = 'open' | 'admin-only' | 'granted';

/**
 * How the body is read: none (the engine does not read one: dropped, as dockerode sends its
 * options as a body too), empty (refused unless empty or {}: a start body set host settings before
 * API 1.24), opaque (a tar stream, forwarded as is), or a JSON kind.
 */
export type BodyKind =
  | 'none'
  | 'empty'
  | 'opaque'
  | 'container-create'
  | 'container-update'
  | 'container-config'
  | 'exec-create'
  | 'exec-start'
  | 'network-create'
  | 'network-connect'
  | 'network-disconnect'
  | 'volume-create'
  | 'service-spec'
  | 'secret-spec'
  | 'config-spec';

/** Path parameters: the kinds in ReferenceKind are resolved and forwarded by id. */
export type PathParameter = 'container' | 'exec' | 'network' | 'volume' | 'service' | 'node' | 'task' | 'image' | 'plugin' | 'name';

export type QueryRule =
  | { readonly kind: 'allowed'; readonly repeatable?: boolean }
  | { readonly kind: 'admin-only'; readonly reason: string; readonly isDefault: (value: string) => boolean }
  /** A container named in the query (POST /commit?container=): resolved and forwarded by id. */
  | { readonly kind: 'container' };

export interface EngineRoute {
  readonly method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  /** `{container}` is one segment; `{image*}` one or more (image and plugin names hold slashes). */
  readonly pattern: string;
  readonly access: RouteAccess;
  /** Why a non-admin may not call it (admin-only and granted routes). */
  readonly reason?: string;
  /** A granted route: the permission a non-admin must hold (an admin's per-account grant). */
  readonly grant?: Permission;
  readonly body: BodyKind;
  readonly query: Readonly<Record<string, QueryRule>>;
  /** The call reaches inside the container: a non-admin may not use it on one that has the host. */
  readonly entersContainer?: boolean;
  /** The engine hijacks the connection (Upgrade: tcp, WebSocket or h2c) and streams both ways. */
  readonly hijacks?: boolean;
}

const ALLOWED: QueryRule = { kind: 'allowed' };
/** Go's httputils.BoolValue: "", 0, no, false and none are false. */
const isFalse = (value: string): boolean => ['', '0', 'no', 'false', 'none'].includes(value.trim().toLowerCase());

function params(names: string, extra: Record<string, QueryRule> = {}): Record<string, QueryRule> {
  const rules: Record<string, QueryRule> = {};
  for (const name of names.split(' ').filter(Boolean)) rules[name] = ALLOWED;
  return { ...rules, ...extra };
}

interface RouteOptions {
  readonly body?: BodyKind;
  readonly query?: Readonly<Record<string, QueryRule>>;
  readonly entersContainer?: boolean;
  readonly hijacks?: boolean;
}

const open = (method: EngineRoute['method'], pattern: string, options: RouteOptions = {}): EngineRoute => ({
  method,
  pattern,
  access: 'open',
  body: options.body ?? 'none',
  query: options.query ?? {},
  ...(options.entersContainer ? { entersContainer: true } : {}),
  ...(options.hijacks ? { hijacks: true } : {}),
});

const adminRoute = (method: EngineRoute['method'], pattern: string, reason: string, options: RouteOptions = {}): EngineRoute => ({
  ...open(method, pattern, { body: 'opaque', ...options }),
  access: 'admin-only',
  reason,
});

const grantedRoute = (method: EngineRoute['method'], pattern: string, grant: Permission, reason: string, options: RouteOptions = {}): EngineRoute => ({
  ...open(method, pattern, options),
  access: 'granted',
  grant,
  reason,
});

const PLUGINS = 'plugins run with the host\'s privileges';
const SWARM = 'the swarm object holds the join tokens and the cluster settings';
const SECRETS = 'secrets and configs hold credentials';
const NODES = "changing or removing a node changes the cluster's membership and roles";
const BUILD = 'a build runs steps with options (network mode, extra hosts) an admin decides';
const SESSION = 'BuildKit sessions and gRPC are the build\'s channels';
const LOGS = 'details follow stdout stderr since until timestamps tail';

export const ENGINE_ROUTES: readonly EngineRoute[] = [
  open('GET', '/_ping'),
  open('HEAD', '/_ping'),
  open('GET', '/version'),
  open('GET', '/info'),
  open('GET', '/events', { query: params('since until filters') }),
  open('GET', '/system/df', { query: params('type') }),
  adminRoute('POST', '/auth', 'the engine logs in to any registry address it is given', { body: 'opaque' }),

  open('GET', '/containers/json', { query: params('all limit size filters before since') }),
  open('POST', '/containers/create', { body: 'container-create', query: params('name platform') }),
  open('POST', '/containers/prune', { query: params('filters') }),
  open('GET', '/containers/{container}/json', { query: params('size') }),
  open('GET', '/containers/{container}/top', { query: params('ps_args') }),
  open('GET', '/containers/{container}/logs', { query: params(LOGS) }),
  open('GET', '/containers/{container}/changes'),
  open('GET', '/containers/{container}/export', { entersContainer: true }),
  open('GET', '/containers/{container}/stats', { query: params('stream one-shot') }),
  open('POST', '/containers/{container}/resize', { query: params('h w') }),
  open('POST', '/containers/{container}/start', {
    body: 'empty',
    query: params('detachKeys', {
      checkpoint: { kind: 'admin-only', reason: 'checkpoints are experimental', isDefault: (value) => value === '' },
      'checkpoint-dir': { kind: 'admin-only', reason: 'restores from a directory of the host', isDefault: (value) => value === '' },
    }),
  }),
  open('POST', '/containers/{container}/stop', { query: params('t signal') }),
  open('POST', '/containers/{container}/restart', { query: params('t signal') }),
  open('POST', '/containers/{container}/kill', { query: params('signal') }),
  open('POST', '/containers/{container}/update', { body: 'container-update' }),
  open('POST', '/containers/{container}/rename', { query: params('name') }),
  open('POST', '/containers/{container}/pause'),
  open('POST', '/containers/{container}/unpause'),
  open('POST', '/containers/{container}/attach', { query: params('detachKeys logs stream stdin stdout stderr'), entersContainer: true, hijacks: true }),
  open('GET', '/containers/{container}/attach/ws', { query: params('detachKeys logs stream stdin stdout stderr'), entersContainer: true, hijacks: true }),
  open('POST', '/containers/{container}/wait', { query: params('condition') }),
  open('DELETE', '/containers/{container}', { query: params('v force link') }),
  open('HEAD', '/containers/{container}/archive', { query: params('path'), entersContainer: true }),
  open('GET', '/containers/{container}/archive', { query: params('path'), entersContainer: true }),
  open('PUT', '/containers/{container}/archive', { body: 'opaque', query: params('path noOverwriteDirNonDir copyUIDGID'), entersContainer: true }),
  open('POST', '/containers/{container}/exec', { body: 'exec-create', entersContainer: true }),
  adminRoute('POST', '/containers/{container}/copy', 'deprecated since API 1.8; the engine refuses it'),
  adminRoute('GET', '/containers/{container}/checkpoints', 'checkpoints are experimental'),
  adminRoute('POST', '/containers/{container}/checkpoints', 'checkpoints are experimental'),
  adminRoute('DELETE', '/containers/{container}/checkpoints/{name}', 'checkpoints are experimental'),
  open('POST', '/commit', { body: 'container-config', query: params('repo tag comment author pause changes', { container: { kind: 'container' } }) }),

  // The exec's container is checked at start too: it may have been created before a rename.
  open('POST', '/exec/{exec}/start', { body: 'exec-start', entersContainer: true, hijacks: true }),
  open('POST', '/exec/{exec}/resize', { query: params('h w') }),
  open('GET', '/exec/{exec}/json'),

  open('GET', '/images/json', { query: params('all filters digests shared-size') }),
  open('POST', '/images/create', {
    query: params('fromImage repo tag message changes platform', {
      fromSrc: { kind: 'admin-only', reason: 'makes the engine fetch any URL (or read the body) and import it as an image', isDefault: (value) => value === '' },
    }),
  }),
  open('GET', '/images/search', { query: params('term limit filters') }),
  open('POST', '/images/prune', { query: params('filters') }),
  open('GET', '/images/get', { query: { names: { kind: 'allowed', repeatable: true } } }),
  adminRoute('POST', '/images/load', 'loads any tarball as images, with any names', { query: params('quiet') }),
  open('GET', '/images/{image*}/json'),
  open('GET', '/images/{image*}/history'),
  open('GET', '/images/{image*}/get'),
  open('POST', '/images/{image*}/push', { query: params('tag') }),
  open('POST', '/images/{image*}/tag', { query: params('repo tag') }),
  open('DELETE', '/images/{image*}', {
    query: params('noprune', { force: { kind: 'admin-only', reason: 'removes an image that containers use', isDefault: isFalse } }),
  }),
  adminRoute('POST', '/build', BUILD),
  adminRoute('POST', '/build/prune', BUILD),
  adminRoute('POST', '/build/cancel', BUILD),
  adminRoute('GET', '/distribution/{image*}/json', 'the engine contacts any registry it is given'),
  adminRoute('POST', '/session', SESSION, { hijacks: true }),
  adminRoute('POST', '/grpc', SESSION, { hijacks: true }),

  open('GET', '/volumes', { query: params('filters') }),
  open('POST', '/volumes/create', { body: 'volume-create' }),
  open('POST', '/volumes/prune', { query: params('filters') }),
  open('GET', '/volumes/{volume}'),
  open('DELETE', '/volumes/{volume}', { query: params('force') }),

  open('GET', '/networks', { query: params('filters') }),
  open('POST', '/networks/create', { body: 'network-create' }),
  open('POST', '/networks/prune', { query: params('filters') }),
  open('GET', '/networks/{network}', { query: params('verbose scope') }),
  open('DELETE', '/networks/{network}'),
  open('POST', '/networks/{network}/connect', { body: 'network-connect' }),
  open('POST', '/networks/{network}/disconnect', { body: 'network-disconnect' }),

  adminRoute('GET', '/plugins', PLUGINS),
  adminRoute('GET', '/plugins/privileges', PLUGINS),
  adminRoute('POST', '/plugins/pull', PLUGINS),
  adminRoute('POST', '/plugins/create', PLUGINS),
  adminRoute('GET', '/plugins/{plugin*}/json', PLUGINS),
  adminRoute('DELETE', '/plugins/{plugin*}', PLUGINS),
  ...['enable', 'disable', 'upgrade', 'push', 'set'].map((action) => adminRoute('POST', `/plugins/{plugin*}/${action}`, PLUGINS)),

  open('GET', '/nodes', { query: params('filters') }),
  open('GET', '/nodes/{node}'),
  adminRoute('POST', '/nodes/{node}/update', NODES),
  adminRoute('DELETE', '/nodes/{node}', NODES),

  adminRoute('GET', '/swarm', SWARM),
  adminRoute('GET', '/swarm/unlockkey', SWARM),
  ...['init', 'join', 'leave', 'update', 'unlock'].map((action) => adminRoute('POST', `/swarm/${action}`, SWARM)),

  open('GET', '/services', { query: params('filters status') }),
  open('POST', '/services/create', { body: 'service-spec' }),
  open('GET', '/services/{service}', { query: params('insertDefaults') }),
  open('DELETE', '/services/{service}'),
  open('POST', '/services/{service}/update', {
    body: 'service-spec',
    query: params('version registryAuthFrom', {
      rollback: { kind: 'admin-only', reason: 'restores the previous spec, which this request does not carry and so cannot be checked', isDefault: (value) => value === '' },
    }),
  }),
  open('GET', '/services/{service}/logs', { query: params(LOGS) }),
  open('GET', '/tasks', { query: params('filters') }),
  open('GET', '/tasks/{task}'),
  open('GET', '/tasks/{task}/logs', { query: params(LOGS) }),

  // Admins, and accounts an admin granted secrets (read: list and inspect; write: the rest).
  ...(['secrets', 'configs'] as const).flatMap((kind) => {
    const body: BodyKind = kind === 'secrets' ? 'secret-spec' : 'config-spec';
    return [
      grantedRoute('GET', `/${kind}`, 'secrets:read', SECRETS, { query: params('filters') }),
      grantedRoute('POST', `/${kind}/create`, 'secrets:write', SECRETS, { body }),
      grantedRoute('GET', `/${kind}/{name}`, 'secrets:read', SECRETS),
      grantedRoute('DELETE', `/${kind}/{name}`, 'secrets:write', SECRETS),
      grantedRoute('POST', `/${kind}/{name}/update`, 'secrets:write', SECRETS, { body, query: params('version') }),
    ];
  }),
];
