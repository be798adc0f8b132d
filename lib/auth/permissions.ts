import type { Role } from '@/prisma-free-db/schemas/account';

/** The areas of the console, as Shipyard's roles named them, each read or written. */
export const AREAS = ['containers', 'images', 'networks', 'swarm', 'ipam', 'events', 'accounts', 'volumes', 'secrets', 'registries', 'stacks'] as const;
export type Area = (typeof AREAS)[number];
export type Access = 'read' | 'write';
export type Permission = `${Area}:${Access}`;

/**
 * What each role may do. admin: everything. operator: read and change the cluster, but not
 * accounts or the audit log's settings. viewer: read the cluster, nothing else.
 * Host-escaping container options (privileged, host binds, host namespaces, devices,
 * capabilities) are admin-only on top of this: see the features that accept them.
 * secrets (swarm secrets and configs): admins only, unless granted (granteeGrants).
 */
export function roleGrants(role: Role, permission: Permission): boolean {
  if (role === 'admin') return true;
  const [area, access] = permission.split(':') as [Area, Access];
  if (area === 'accounts') return false;
  // Swarm secrets and configs hold credentials: only an admin, or an account an admin granted them to.
  if (area === 'secrets') return false;
  // Saved registry logins are written by admins; others may list them (never a password) and use one by id.
  if (area === 'registries') return access === 'read';
  if (role === 'operator') return area === 'events' ? access === 'read' : true;
  return access === 'read';
}

/** What a caller holds beyond a bare role: extra per-area grants (see accounts' `grants`). */
export interface Grantee {
  role: Role;
  grants?: readonly string[];
}

/**
 * The role's permissions plus the account's extra grants; a write grant includes the read.
 * Grants never reach `accounts`: only the admin role manages accounts.
 */
export function granteeGrants(grantee: Grantee, permission: Permission): boolean {
  if (roleGrants(grantee.role, permission)) return true;
  const [area, access] = permission.split(':') as [Area, Access];
  if (area === 'accounts') return false;
  const grants = grantee.grants ?? [];
  return grants.includes(permission) || (access === 'read' && grants.includes(`${area}:write`));
}
