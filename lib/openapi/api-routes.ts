// Every /api/v1 route: method, path, who may call it, and the zod schema that validates its body
// (the same object the route passes to readJsonBody). The OpenAPI document is generated from
// this list; openapi.test.ts checks it against the route files under app/api/v1.
import type { z } from 'zod';
import { changePasswordSchema } from '@/lib/accounts/change-password';
import { createAccountSchema } from '@/lib/accounts/create-account';
import { resetPasswordSchema, updateAccountSchema } from '@/lib/accounts/manage-account';
import { setRetentionSchema } from '@/lib/audit/set-retention';
import { bulkSchema } from '@/lib/containers/bulk';
import { createContainerSchema } from '@/lib/containers/create-schema';
import { createTokenSchema } from '@/lib/tokens/manage-tokens';
import { pullImageSchema } from '@/lib/images/pull-image';
import { tagImageSchema } from '@/lib/images/tag-image';
import type { Permission } from '@/lib/auth/permissions';
import { addRangeSchema, gcSchema, releaseAddressSchema } from '@/lib/ipam-view/actions';
import { connectSchema, createNetworkSchema, disconnectSchema } from '@/lib/networks/network-actions';
import type { Role } from '@/prisma-free-db/schemas/account';
import { rotateTokenSchema } from '@/lib/swarm/join-tokens';
import { updateNodeSchema } from '@/lib/swarm/nodes';
import { createServiceSchema, updateServiceSchema } from '@/lib/swarm/services';

export type HttpMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

export interface ApiRoute {
  readonly method: HttpMethod;
  /** OpenAPI form: /networks/{id} (relative to /api/v1). */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly access: { role: Role } | { permission: Permission };
  readonly body?: z.ZodType;
  /** Success status and what it returns, in words. */
  readonly success: { status: number; description: string; contentType?: string };
}

export const apiRoutes: readonly ApiRoute[] = [
  { method: 'get', path: '/me', tag: 'accounts', summary: 'The signed-in account', access: { role: 'viewer' }, success: { status: 200, description: '{user}' } },
  { method: 'get', path: '/dashboard', tag: 'dashboard', summary: 'Engine version, swarm state, containers, images', access: { role: 'viewer' }, success: { status: 200, description: '{engine}' } },
  { method: 'get', path: '/accounts', tag: 'accounts', summary: 'Accounts (never password hashes)', access: { permission: 'accounts:read' }, success: { status: 200, description: '{accounts}' } },
  { method: 'post', path: '/accounts', tag: 'accounts', summary: 'Create an account', access: { permission: 'accounts:write' }, body: createAccountSchema, success: { status: 201, description: '{account}' } },
  { method: 'get', path: '/accounts/{id}', tag: 'accounts', summary: 'One account', access: { permission: 'accounts:read' }, success: { status: 200, description: '{account}' } },
  { method: 'patch', path: '/accounts/{id}', tag: 'accounts', summary: 'Change role, grants, or disable (409 for the last admin or yourself)', access: { permission: 'accounts:write' }, body: updateAccountSchema, success: { status: 200, description: '{account}' } },
  { method: 'delete', path: '/accounts/{id}', tag: 'accounts', summary: 'Delete an account and revoke its tokens', access: { permission: 'accounts:write' }, success: { status: 204, description: 'deleted' } },
  { method: 'post', path: '/accounts/{id}/password', tag: 'accounts', summary: 'Reset a password (sessions end; must change it)', access: { permission: 'accounts:write' }, body: resetPasswordSchema, success: { status: 204, description: 'reset' } },
  { method: 'get', path: '/tokens', tag: 'tokens', summary: 'Your API tokens (never the secret)', access: { role: 'viewer' }, success: { status: 200, description: '{tokens}' } },
  { method: 'post', path: '/tokens', tag: 'tokens', summary: 'Create an API token; the secret is shown once', access: { role: 'viewer' }, body: createTokenSchema, success: { status: 201, description: '{token, secret}' } },
  { method: 'delete', path: '/tokens/{id}', tag: 'tokens', summary: 'Revoke one of your tokens', access: { role: 'viewer' }, success: { status: 204, description: 'revoked' } },
  { method: 'get', path: '/admin/tokens', tag: 'tokens', summary: "Every account's tokens: name, owner, scope, expiry, last use (never the secret)", access: { permission: 'accounts:read' }, success: { status: 200, description: '{tokens}' } },
  { method: 'delete', path: '/admin/tokens/{id}', tag: 'tokens', summary: "Revoke anyone's token at once", access: { permission: 'accounts:write' }, success: { status: 200, description: '{token}' } },
  { method: 'get', path: '/events', tag: 'events', summary: 'The audit log, filtered; format=csv or export=1 downloads', access: { permission: 'events:read' }, success: { status: 200, description: '{events}' } },
  { method: 'get', path: '/events/stream', tag: 'events', summary: 'Live audit events (server-sent events)', access: { permission: 'events:read' }, success: { status: 200, description: 'text/event-stream', contentType: 'text/event-stream' } },
  { method: 'get', path: '/settings/audit-retention', tag: 'events', summary: 'How long audit events are kept', access: { permission: 'events:read' }, success: { status: 200, description: '{retention}' } },
  { method: 'put', path: '/settings/audit-retention', tag: 'events', summary: 'Set the retention in days; purges at once', access: { permission: 'events:write' }, body: setRetentionSchema, success: { status: 200, description: '{retention}' } },

  { method: 'get', path: '/engines', tag: 'containers', summary: "Each engine's host, cores, memory, unsafe flag; the unreachable ones", access: { permission: 'containers:read' }, success: { status: 200, description: '{engines, unreachable, flatNetwork}' } },
  { method: 'get', path: '/containers', tag: 'containers', summary: 'Every container on every engine', access: { permission: 'containers:read' }, success: { status: 200, description: '{containers, unreachable}' } },
  { method: 'post', path: '/containers', tag: 'containers', summary: 'Create (and start) a container; host-escaping options are admin-only', access: { permission: 'containers:write' }, body: createContainerSchema, success: { status: 201, description: '{container}' } },
  { method: 'get', path: '/containers/events', tag: 'containers', summary: 'Live list changes (server-sent events): `container` events {kind: upsert|remove|resync, id, host, container?}', access: { permission: 'containers:read' }, success: { status: 200, description: 'text/event-stream', contentType: 'text/event-stream' } },
  { method: 'post', path: '/containers/bulk', tag: 'containers', summary: 'start, stop, restart or remove (force) each target; per-target results, each audited', access: { permission: 'containers:write' }, body: bulkSchema, success: { status: 200, description: '{action, results}' } },
  { method: 'get', path: '/containers/{id}/top', tag: 'containers', summary: 'Processes: pid, user, command (none when not running)', access: { permission: 'containers:read' }, success: { status: 200, description: '{processes}' } },
  { method: 'get', path: '/containers/{id}', tag: 'containers', summary: 'Inspect: reshaped view and raw JSON (?host=)', access: { permission: 'containers:read' }, success: { status: 200, description: '{container, raw}' } },
  { method: 'delete', path: '/containers/{id}', tag: 'containers', summary: 'Remove (?force=&volumes=&host=): force stops it first, volumes removes its anonymous volumes', access: { permission: 'containers:write' }, success: { status: 200, description: '{removed}' } },
  { method: 'post', path: '/containers/{id}/{action}', tag: 'containers', summary: 'start, stop, restart, kill, pause, unpause, rename, update (limits) or scale', access: { permission: 'containers:write' }, success: { status: 200, description: 'the action result' } },
  { method: 'get', path: '/containers/{id}/stats', tag: 'containers', summary: 'One stats sample: CPU, memory, network, block I/O', access: { permission: 'containers:read' }, success: { status: 200, description: '{stats}' } },
  {
    method: 'get',
    path: '/containers/{id}/stats/stream',
    tag: 'containers',
    summary: 'Live stats (server-sent events): a `sample` event a second (CPU total and per core, memory, network and block I/O per second); `stats-error` when the container stops; 409 when it is not running (?host=)',
    access: { permission: 'containers:read' },
    success: { status: 200, description: 'text/event-stream', contentType: 'text/event-stream' },
  },
  { method: 'get', path: '/containers/{id}/logs', tag: 'containers', summary: 'Logs (tail, since, timestamps; follow=true streams)', access: { permission: 'containers:read' }, success: { status: 200, description: 'text/plain', contentType: 'text/plain' } },
  { method: 'get', path: '/images', tag: 'images', summary: 'Images per host (?host=): tags, size, created, containers using each', access: { permission: 'images:read' }, success: { status: 200, description: '{images, engines, unreachable}' } },
  { method: 'get', path: '/images/{id}/history', tag: 'images', summary: "An image's layers (?host=); names with slashes URL-encoded", access: { permission: 'images:read' }, success: { status: 200, description: '{host, layers}' } },
  { method: 'post', path: '/images/{id}/tag', tag: 'images', summary: 'Tag an image as repository:tag on its host', access: { permission: 'images:write' }, body: tagImageSchema, success: { status: 201, description: '{tagged}' } },
  { method: 'delete', path: '/images/{id}', tag: 'images', summary: 'Remove an image or tag (?host=&force=); 409 naming the containers using it; force is admin-only', access: { permission: 'images:write' }, success: { status: 200, description: '{removed}' } },
  {
    method: 'post',
    path: '/images/pull',
    tag: 'images',
    summary: 'Pull an image onto a host; progress as newline-delimited JSON (layer, status, error, done events)',
    access: { permission: 'images:write' },
    body: pullImageSchema,
    success: { status: 200, description: 'application/x-ndjson', contentType: 'application/x-ndjson' },
  },
  { method: 'post', path: '/account/password', tag: 'accounts', summary: "Change your own password (ends your sessions)", access: { role: 'viewer' }, body: changePasswordSchema, success: { status: 204, description: 'changed' } },
  { method: 'get', path: '/openapi.json', tag: 'meta', summary: 'This document', access: { role: 'viewer' }, success: { status: 200, description: 'OpenAPI 3.1 document' } },

  { method: 'get', path: '/ipam/pools', tag: 'ipam', summary: 'Pools: ranges, router, used and free counts, host addresses', access: { permission: 'ipam:read' }, success: { status: 200, description: '{pools}' } },
  { method: 'get', path: '/ipam/allocations', tag: 'ipam', summary: 'Every allocation with host, container, MAC, since and status (leaked flagged), at an etcd revision', access: { permission: 'ipam:read' }, success: { status: 200, description: '{revision, allocations}' } },
  {
    method: 'get',
    path: '/ipam/events',
    tag: 'ipam',
    summary: 'Live feed (server-sent events): one `ipam` event per etcd revision, id = revision; resumes after Last-Event-ID or ?since=',
    access: { permission: 'ipam:read' },
    success: { status: 200, description: 'text/event-stream', contentType: 'text/event-stream' },
  },
  { method: 'get', path: '/ipam/flannel', tag: 'ipam', summary: "Flannel's network config and subnet leases (host, backend, seconds left) when its keys share the etcd; read-only", access: { permission: 'ipam:read' }, success: { status: 200, description: '{flannel: {prefix, config, leases, problems}}' } },
  { method: 'post', path: '/ipam/ranges', tag: 'ipam', summary: 'Add a container range (ip-range) or a host range with its router (host-range)', access: { role: 'admin' }, body: addRangeSchema, success: { status: 201, description: '{pool}' } },
  { method: 'post', path: '/ipam/release', tag: 'ipam', summary: 'Free an address by hand (release-ip)', access: { role: 'admin' }, body: releaseAddressSchema, success: { status: 200, description: '{released}' } },
  { method: 'post', path: '/ipam/gc', tag: 'ipam', summary: "Free the console engine's leaked allocations (gc)", access: { role: 'admin' }, body: gcSchema, success: { status: 200, description: '{freed, lines}' } },

  { method: 'get', path: '/networks', tag: 'networks', summary: 'Networks with driver, scope, subnet, gateway, IPAM driver, attached containers', access: { permission: 'networks:read' }, success: { status: 200, description: '{networks}' } },
  { method: 'post', path: '/networks', tag: 'networks', summary: "Create the seed's flat network or an overlay", access: { permission: 'networks:write' }, body: createNetworkSchema, success: { status: 201, description: '{network}' } },
  { method: 'get', path: '/networks/{id}', tag: 'networks', summary: 'One network', access: { permission: 'networks:read' }, success: { status: 200, description: '{network}' } },
  { method: 'delete', path: '/networks/{id}', tag: 'networks', summary: 'Remove a network (409 naming the containers while in use)', access: { permission: 'networks:write' }, success: { status: 204, description: 'removed' } },
  { method: 'post', path: '/networks/{id}/connect', tag: 'networks', summary: 'Connect a container, optionally with an address', access: { permission: 'networks:write' }, body: connectSchema, success: { status: 204, description: 'connected' } },
  { method: 'post', path: '/networks/{id}/disconnect', tag: 'networks', summary: 'Disconnect a container', access: { permission: 'networks:write' }, body: disconnectSchema, success: { status: 204, description: 'disconnected' } },

  { method: 'get', path: '/swarm/nodes', tag: 'swarm', summary: 'Nodes: role, availability, state, engine, addresses, resources, labels', access: { permission: 'swarm:read' }, success: { status: 200, description: '{nodes}' } },
  { method: 'patch', path: '/swarm/nodes/{id}', tag: 'swarm', summary: 'Drain, pause, activate, promote, demote; replace, add or remove labels (409 for the last manager)', access: { permission: 'swarm:write' }, body: updateNodeSchema, success: { status: 200, description: '{node}' } },
  { method: 'delete', path: '/swarm/nodes/{id}', tag: 'swarm', summary: 'Remove a node (?force=true while it is still up); 409 for a manager, in words', access: { permission: 'swarm:write' }, success: { status: 204, description: 'removed' } },
  { method: 'get', path: '/swarm/services', tag: 'swarm', summary: 'Services with replicas running / desired', access: { permission: 'swarm:read' }, success: { status: 200, description: '{services}' } },
  { method: 'post', path: '/swarm/services', tag: 'swarm', summary: 'Create a service (host-escaping options admin-only)', access: { permission: 'swarm:write' }, body: createServiceSchema, success: { status: 201, description: '{service}' } },
  { method: 'get', path: '/swarm/services/{id}', tag: 'swarm', summary: 'One service', access: { permission: 'swarm:read' }, success: { status: 200, description: '{service}' } },
  { method: 'patch', path: '/swarm/services/{id}', tag: 'swarm', summary: 'Scale or update (rolling): image, command, env, networks, ports, endpoint mode, CPU and memory, constraints, update and rollback config; null clears', access: { permission: 'swarm:write' }, body: updateServiceSchema, success: { status: 200, description: '{service}' } },
  { method: 'delete', path: '/swarm/services/{id}', tag: 'swarm', summary: 'Remove a service', access: { permission: 'swarm:write' }, success: { status: 204, description: 'removed' } },
  { method: 'post', path: '/swarm/services/{id}/rollback', tag: 'swarm', summary: 'Roll back to the spec before the last update, per the rollback config', access: { permission: 'swarm:write' }, success: { status: 200, description: '{service}' } },
  { method: 'get', path: '/swarm/services/{id}/logs', tag: 'swarm', summary: 'The last ?tail= (default 200) lines of every task, stdout and stderr', access: { permission: 'swarm:read' }, success: { status: 200, description: '{lines}' } },
  { method: 'get', path: '/swarm/join-tokens', tag: 'swarm', summary: 'Worker and manager join tokens and the managers\' addresses', access: { role: 'admin' }, success: { status: 200, description: '{joinTokens}' } },
  { method: 'post', path: '/swarm/join-tokens/rotate', tag: 'swarm', summary: 'Rotate the worker or manager join token', access: { role: 'admin' }, body: rotateTokenSchema, success: { status: 200, description: '{joinTokens}' } },
  { method: 'get', path: '/swarm/services/{id}/tasks', tag: 'swarm', summary: 'Tasks with node, state, desired state and error', access: { permission: 'swarm:read' }, success: { status: 200, description: '{tasks}' } },
];
