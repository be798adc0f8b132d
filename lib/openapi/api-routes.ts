// Every /api/v1 route: method, path, who may call it, and the zod schema that validates its body
// (the same object the route passes to readJsonBody). The OpenAPI document is generated from
// this list; openapi.test.ts checks it against the route files under app/api/v1.
import type { z } from 'zod';
import { changePasswordSchema, createAccountSchema, resetPasswordSchema, updateAccountSchema } from '@/lib/accounts/account-schema';
import { setRetentionSchema } from '@/lib/audit/audit-schema';
import { bulkSchema, createContainerSchema } from '@/lib/containers/container-schema';
import { createTokenSchema } from '@/lib/tokens/token-schema';
import { pullImageSchema, tagImageSchema } from '@/lib/images/image-schema';
import type { Permission } from '@/lib/auth/permissions';
import { addRangeSchema, gcSchema, releaseAddressSchema } from '@/lib/ipam-view/ipam-schema';
import { connectSchema, createNetworkSchema, disconnectSchema } from '@/lib/networks/network-schema';
import type { Role } from '@/prisma-free-db/schemas/account';
import { rotateTokenSchema } from '@/lib/swarm/join-token-schema';
import { updateNodeSchema } from '@/lib/swarm/node-schema';
import { createServiceSchema, updateServiceSchema } from '@/lib/swarm/service-schema';
import { createVolumeSchema, pruneVolumesSchema } from '@/lib/volumes/volume-schema';
import { createConfigSchema, createSecretSchema } from '@/lib/secrets/secret-schema';
import { createRegistrySchema, updateRegistrySchema } from '@/lib/registries/registry-schema';
import { createWebhookSchema } from '@/lib/webhooks/webhook-schema';
import { deployStackSchema, updateStackSchema } from '@/lib/stacks/stack-schema';

export type HttpMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

export interface ApiRoute {
  readonly method: HttpMethod;
  /** OpenAPI form: /networks/{id} (relative to /api/v1). */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  /** `public`: no session or API token (the one such route carries its own secret: webhook calls). */
  readonly access: { role: Role } | { permission: Permission } | { public: string };
  readonly body?: z.ZodType;
  /** Success status and what it returns, in words. */
  readonly success: { status: number; description: string; contentType?: string };
}

// One line per route: get/post/patch/put/del(path, summary, access, success, body schema?),
// grouped by tag. The list's order is the document's order.
type Access = ApiRoute['access'];
type Success = ApiRoute['success'];
type Untagged = Omit<ApiRoute, 'tag'>;

const viewer: Access = { role: 'viewer' };
const admin: Access = { role: 'admin' };
const may = (permission: Permission): Access => ({ permission });

const ok = (description: string): Success => ({ status: 200, description });
const created = (description: string): Success => ({ status: 201, description });
const done = (description: string): Success => ({ status: 204, description });
/** A streamed answer (server-sent events, plain text, ndjson): described by its media type. */
const streamed = (contentType: string): Success => ({ status: 200, description: contentType, contentType });

function endpoint(method: HttpMethod) {
  return (path: string, summary: string, access: Access, success: Success, body?: z.ZodType): Untagged => ({
    method,
    path,
    summary,
    access,
    ...(body ? { body } : {}),
    success,
  });
}
const get = endpoint('get');
const post = endpoint('post');
const patch = endpoint('patch');
const put = endpoint('put');
const del = endpoint('delete');

const tagged = (tag: string, routes: readonly Untagged[]): ApiRoute[] => routes.map((route) => ({ ...route, tag }));

export const apiRoutes: readonly ApiRoute[] = [
  ...tagged('accounts', [
    get('/me', 'The signed-in account', viewer, ok('{user}')),
  ]),
  ...tagged('dashboard', [
    get('/dashboard', 'Engine version, swarm state, containers, images', viewer, ok('{engine}')),
  ]),
  ...tagged('accounts', [
    get('/accounts', 'Accounts (never password hashes)', may('accounts:read'), ok('{accounts}')),
    post('/accounts', 'Create an account', may('accounts:write'), created('{account}'), createAccountSchema),
    get('/accounts/{id}', 'One account', may('accounts:read'), ok('{account}')),
    patch('/accounts/{id}', 'Change role, grants, or disable (409 for the last admin or yourself)', may('accounts:write'), ok('{account}'), updateAccountSchema),
    del('/accounts/{id}', 'Delete an account and revoke its tokens', may('accounts:write'), done('deleted')),
    post('/accounts/{id}/password', 'Reset a password (sessions end; must change it)', may('accounts:write'), done('reset'), resetPasswordSchema),
  ]),
  ...tagged('tokens', [
    get('/tokens', 'Your API tokens (never the secret)', viewer, ok('{tokens}')),
    post('/tokens', 'Create an API token; the secret is shown once', viewer, created('{token, secret}'), createTokenSchema),
    del('/tokens/{id}', 'Revoke one of your tokens; ?purge=true deletes a revoked or expired one from the list', viewer, ok('{token} or, with purge, {deleted}')),
    get('/admin/tokens', "Every account's tokens: name, owner, scope, expiry, last use (never the secret)", may('accounts:read'), ok('{tokens}')),
    del('/admin/tokens/{id}', "Revoke anyone's token at once", may('accounts:write'), ok('{token}')),
  ]),
  ...tagged('events', [
    get('/events', 'The audit log, filtered; format=csv or export=1 downloads', may('events:read'), ok('{events}')),
    get('/events/stream', 'Live audit events (server-sent events)', may('events:read'), streamed('text/event-stream')),
    get('/settings/audit-retention', 'How long audit events are kept', may('events:read'), ok('{retention}')),
    put('/settings/audit-retention', 'Set the retention in days; purges at once', may('events:write'), ok('{retention}'), setRetentionSchema),
  ]),

  ...tagged('containers', [
    get('/engines', "Each engine's host, cores, memory, unsafe flag; the unreachable ones", may('containers:read'), ok('{engines, unreachable, flatNetwork}')),
    get('/cluster', 'Per host: each core with the container holding it (free, exclusive or shared), memory reserved and free, running and total containers; a down host with its reason; the default placement strategy', may('containers:read'), ok('{cluster: {hosts, strategy, readAt}}')),
    get('/cluster/events', 'The cluster view live (server-sent events): a `cluster` event {hosts, strategy, readAt} at once, after every container event or core claim change, and every 10 s; `cluster-error` when a read fails', may('containers:read'), streamed('text/event-stream')),
    get('/containers', 'Every container on every engine', may('containers:read'), ok('{containers, unreachable}')),
    post(
      '/containers',
      'Create (and start) a container; host-escaping options are admin-only. Without `host` (or with `cores`, `constraint:`/`affinity:` env entries or the `com.docker.swarm.constraints`/`affinities` labels) the console places it: `strategy` spread or binpack (default SHIPYARD_PLACEMENT_STRATEGY), `cores: N` whole cores of its own (pinned, claimed in etcd). 409 "No host fits" with one line per host (also as `host` field errors); 422 naming the field of a malformed rule (`env.2`, `labels.com.docker.swarm.constraints`); 409 for a cpuset on a core held exclusively',
      may('containers:write'),
      created('{container}'),
      createContainerSchema,
    ),
    get('/containers/events', 'Live list changes (server-sent events): `ready` {resync: read the list again}, then `container` events {kind: upsert|remove|resync, id, host, container?}; ?since= the time the list was read (ms), so resync is false when nothing changed since', may('containers:read'), streamed('text/event-stream')),
    post('/containers/bulk', 'start, stop, restart or remove (force) each target; per-target results, each audited', may('containers:write'), ok('{action, results}'), bulkSchema),
    get('/containers/{id}/top', 'Processes: pid, user, command (none when not running)', may('containers:read'), ok('{processes}')),
    get('/containers/{id}', 'Inspect: reshaped view and raw JSON (?host=)', may('containers:read'), ok('{container, raw}')),
    del('/containers/{id}', 'Remove (?force=&volumes=&host=): force stops it first, volumes removes its anonymous volumes', may('containers:write'), ok('{removed}')),
    post('/containers/{id}/{action}', 'start, stop, restart, kill, pause, unpause, rename, update (limits) or scale', may('containers:write'), ok('the action result')),
    get('/containers/{id}/stats', 'One stats sample: CPU, memory, network, block I/O', may('containers:read'), ok('{stats}')),
    get('/containers/{id}/stats/stream', 'Live stats (server-sent events): a `sample` event a second (CPU total and per core, memory, network and block I/O per second); `stats-error` when the container stops; 409 when it is not running (?host=)', may('containers:read'), streamed('text/event-stream')),
    get('/containers/{id}/logs', 'Logs (tail, since, timestamps; follow=true streams)', may('containers:read'), streamed('text/plain')),
  ]),
  ...tagged('images', [
    get('/images', 'Images per host (?host=): tags, size, created, containers using each', may('images:read'), ok('{images, engines, unreachable}')),
    get('/images/{id}/history', "An image's layers (?host=); names with slashes URL-encoded", may('images:read'), ok('{host, layers}')),
    post('/images/{id}/tag', 'Tag an image as repository:tag on its host', may('images:write'), created('{tagged}'), tagImageSchema),
    del('/images/{id}', 'Remove an image or tag (?host=&force=); 409 naming the containers using it; force is admin-only', may('images:write'), ok('{removed}')),
    post('/images/pull', 'Pull an image onto a host; progress as newline-delimited JSON (layer, status, error, done events)', may('images:write'), streamed('application/x-ndjson'), pullImageSchema),
  ]),
  ...tagged('accounts', [
    post('/account/password', 'Change your own password (ends your sessions)', viewer, done('changed'), changePasswordSchema),
  ]),
  ...tagged('meta', [
    get('/openapi.json', 'This document', viewer, ok('OpenAPI 3.1 document')),
  ]),

  ...tagged('ipam', [
    get('/ipam/pools', 'Pools: ranges, router, used and free counts, host addresses', may('ipam:read'), ok('{pools}')),
    get('/ipam/allocations', 'Every allocation with host, container, MAC, since and status (leaked flagged), at an etcd revision', may('ipam:read'), ok('{revision, allocations}')),
    get('/ipam/events', 'Live feed (server-sent events): one `ipam` event per etcd revision, id = revision; resumes after Last-Event-ID or ?since=', may('ipam:read'), streamed('text/event-stream')),
    get('/ipam/flannel', "Flannel's network config and subnet leases (host, backend, seconds left) when its keys share the etcd; read-only", may('ipam:read'), ok('{flannel: {prefix, config, leases, problems}}')),
    get('/ipam/flannel/events', "Flannel's view live (server-sent events): a `flannel` event {prefix, config, leases, problems} at once and after every change under the prefix (an expired lease disappears); `flannel-error` while etcd is away", may('ipam:read'), streamed('text/event-stream')),
    post('/ipam/ranges', 'Add a container range (ip-range) or a host range with its router (host-range)', admin, created('{pool}'), addRangeSchema),
    post('/ipam/release', 'Free an address by hand (release-ip)', admin, ok('{released}'), releaseAddressSchema),
    post('/ipam/gc', "Free the console engine's leaked allocations (gc)", admin, ok('{freed, lines}'), gcSchema),
  ]),

  ...tagged('networks', [
    get('/networks', 'Networks with driver, scope, subnet, gateway, IPAM driver, attached containers', may('networks:read'), ok('{networks}')),
    post('/networks', "Create the seed's flat network (per host), the swarm-scoped flat network (once, on the manager, IPAM driver SHIPYARD_SWARM_IPAM_DRIVER) or an overlay; containerRange adds the subnet's container range first (admin)", may('networks:write'), created('{network}'), createNetworkSchema),
    get('/networks/{id}', 'One network: driver, scope, ICC, masquerade, MTU, bridge, subnet, gateway, router, IPAM driver and options, the hosts that have it with their containers and addresses, its service tasks', may('networks:read'), ok('{network}')),
    del('/networks/{id}', 'Remove a network (409 naming the containers while in use)', may('networks:write'), done('removed')),
    post('/networks/{id}/connect', 'Connect a container, optionally with an address', may('networks:write'), done('connected'), connectSchema),
    post('/networks/{id}/disconnect', 'Disconnect a container', may('networks:write'), done('disconnected'), disconnectSchema),
  ]),

  ...tagged('swarm', [
    get('/swarm/nodes', 'Nodes: role, availability, state, engine, addresses, resources, labels', may('swarm:read'), ok('{nodes}')),
    patch('/swarm/nodes/{id}', 'Drain, pause, activate, promote, demote; replace, add or remove labels (409 for the last manager)', may('swarm:write'), ok('{node}'), updateNodeSchema),
    del('/swarm/nodes/{id}', 'Remove a node (?force=true while it is still up); 409 for a manager, in words', may('swarm:write'), done('removed')),
    get('/swarm/services', 'Services with replicas running / desired', may('swarm:read'), ok('{services}')),
    post('/swarm/services', 'Create a service (host-escaping options admin-only; secrets and configs need secrets:write)', may('swarm:write'), created('{service}'), createServiceSchema),
    get('/swarm/services/{id}', 'One service', may('swarm:read'), ok('{service}')),
    patch('/swarm/services/{id}', 'Scale or update (rolling): image, command, env, networks, ports, endpoint mode, CPU and memory, constraints, update and rollback config, secrets and configs (secrets:write); null clears', may('swarm:write'), ok('{service}'), updateServiceSchema),
    del('/swarm/services/{id}', 'Remove a service', may('swarm:write'), done('removed')),
    post('/swarm/services/{id}/rollback', 'Roll back to the spec before the last update, per the rollback config', may('swarm:write'), ok('{service}')),
    get('/swarm/services/{id}/logs', 'The last ?tail= (default 200) lines of every task, stdout and stderr, as {lines}; with ?follow=1 server-sent events until the client leaves: `ready`, a `line` event {stream, text} per line, `end` or `logs-error` when Docker stops', may('swarm:read'), ok('{lines}')),
    get('/swarm/join-tokens', "Worker and manager join tokens and the managers' addresses", admin, ok('{joinTokens}')),
    post('/swarm/join-tokens/rotate', 'Rotate the worker or manager join token', admin, ok('{joinTokens}'), rotateTokenSchema),
    get('/swarm/services/{id}/tasks', 'Tasks with node, state, desired state and error', may('swarm:read'), ok('{tasks}')),
  ]),

  ...tagged('volumes', [
    get('/volumes', "Every engine's volumes: name, driver, created, labels, the containers using each; the mountpoint for admins only", may('volumes:read'), ok('{hosts}')),
    post('/volumes', 'Create a volume on one host (driver local; driverOptions type/device/o admin-only)', may('volumes:write'), created('{volume}'), createVolumeSchema),
    del('/volumes/{name}', 'Remove a volume from ?host= (409 naming the containers using it there)', may('volumes:write'), done('removed')),
    get('/volumes/prune', 'What a prune of ?host= (and ?label=) would remove: its unused volumes, named ones too', may('volumes:read'), ok('{volumes}')),
    post('/volumes/prune', "Remove one host's unused volumes (optionally only those with a label)", may('volumes:write'), ok('{result}'), pruneVolumesSchema),
  ]),

  ...tagged('secrets', [
    get('/secrets', 'Swarm secrets: name, id, created, labels, the services using each (never a value)', may('secrets:read'), ok('{secrets}')),
    post('/secrets', 'Create a secret: the value is sent to Docker base64 and never returned, logged or audited', may('secrets:write'), created('{secret}'), createSecretSchema),
    del('/secrets/{id}', 'Remove a secret by id or name (409 naming the services using it)', may('secrets:write'), done('removed')),
    get('/configs', 'Swarm configs with their data, and the services using each', may('secrets:read'), ok('{configs}')),
    post('/configs', 'Create a config', may('secrets:write'), created('{config}'), createConfigSchema),
    del('/configs/{id}', 'Remove a config by id or name (409 naming the services using it)', may('secrets:write'), done('removed')),
  ]),

  ...tagged('registries', [
    get('/registries', 'Saved registries: name, address, username, created, last used (never a password)', may('registries:read'), ok('{registries}')),
    post('/registries', 'Save a registry login; the password is sealed with SHIPYARD_REGISTRY_KEY (503 REGISTRY_KEY_MISSING without it); 409 for an address already saved. Pulls (`registryId`), services (`registryId`) and stacks use it without seeing it', may('registries:write'), created('{registry}'), createRegistrySchema),
    patch('/registries/{id}', 'Change a saved registry; a password left out keeps the saved one', may('registries:write'), ok('{registry}'), updateRegistrySchema),
    del('/registries/{id}', 'Delete a saved registry', may('registries:write'), done('deleted')),
    post('/registries/reseal', 'After a key rotation: re-seal every password the old key (SHIPYARD_REGISTRY_KEY_OLD) sealed with the new one', may('registries:write'), ok('{resealed, total}')),
  ]),
  ...tagged('webhooks', [
    get('/webhooks', 'Redeploy webhooks (never their tokens); ?service= one service\'s', may('swarm:read'), ok('{webhooks}')),
    post('/webhooks', 'A redeploy webhook for a service (id or name) or a stack; the token and its URL path are in this answer only', may('swarm:write'), created('{webhook, token, path}'), createWebhookSchema),
    del('/webhooks/{id}', 'Revoke a webhook at once (its URL answers 404 from then on)', may('swarm:write'), ok('{webhook}')),
    post(
      '/hooks/{token}',
      "Call a webhook: redeploys its service (or each service of its stack) with the newest digest of the image's tag (service update with image@digest, forced, with the saved registry's login). No session: the token is the credential. 404 for an unknown or revoked token alike; 429 with Retry-After within SHIPYARD_WEBHOOK_INTERVAL_SECONDS (30) of the last call",
      { public: 'the webhook token in the path' },
      ok('{redeployed: [{service, image, changed}]}'),
    ),
  ]),

  ...tagged('stacks', [
    get('/stacks', 'Stacks (the console\'s and any with the com.docker.stack.namespace label): services, tasks running / desired, latest version', may('stacks:read'), ok('{stacks}')),
    post('/stacks', 'Deploy a compose file (and env file for ${VAR}s) as a new stack, as docker stack deploy; every request checked by the policy with the caller\'s identity (403 naming the service and field); 409 when the name is taken. `files` carries the contents of the files its secrets/configs name (sent to Docker only, never stored); secrets/configs need secrets:write too; each service is sent the saved login of its image registry', may('stacks:write'), created('{stack}'), deployStackSchema),
    get('/stacks/{name}', 'One stack: its services with their tasks, and its deploy history (version, who, when)', may('stacks:read'), ok('{stack}')),
    put('/stacks/{name}', 'Redeploy with a changed file: services updated in place, new ones created, dropped ones removed', may('stacks:write'), ok('{stack}'), updateStackSchema),
    del('/stacks/{name}', 'Remove the stack: its services, then the networks it created; its history is forgotten (the audit log keeps it)', may('stacks:write'), done('removed')),
    post('/stacks/{name}/preview', 'The diff of the service specs a redeploy with this file would make, per service (create, update, remove, unchanged); nothing is changed', may('stacks:write'), ok('{changes, ignored}'), updateStackSchema),
    get('/stacks/{name}/versions/{version}', 'One deploy\'s compose file and env file (the env file only for stacks:write; stored sealed, envFileAbsence when it was not kept), the names of the files given (givenFiles), who deployed it and when', may('stacks:read'), ok('{version}')),
  ]),
];
