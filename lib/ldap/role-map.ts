import { grantSchema, roleSchema, type Role } from '@/prisma-free-db/schemas/account';

/** One line of SHIPYARD_LDAP_ROLE_MAP: members of the group get the role and the grants. */
export interface GroupMapping {
  /** The group's DN as normalizeDn gives it. */
  groupDn: string;
  role: Role;
  grants: string[];
}

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/**
 * A DN compared without case and without the spaces around separators: `CN=Ops, ou=Groups`
 * and `cn=ops,ou=groups` name one group. (Escaped commas and equals signs stay as written.)
 */
export function normalizeDn(dn: string): string {
  return dn
    .trim()
    .replace(/\s*(?<!\\)([,=+])\s*/g, '$1')
    .toLowerCase();
}

/** An RDN sequence: attribute=value pairs separated by unescaped commas. */
function looksLikeDn(dn: string): boolean {
  return dn.split(/(?<!\\),/).every((rdn) => /^[A-Za-z][A-Za-z0-9-]*\s*=.+$/.test(rdn.trim()));
}

export type RoleMapResult = { ok: true; mappings: GroupMapping[] } | { ok: false; problems: string[] };

/**
 * Reads "group-dn=role[+grant...];group-dn=role...". A DN holds = signs itself, so the role is
 * what follows the last one. Each wrong entry gets its own message.
 */
export function parseRoleMap(raw: string): RoleMapResult {
  const problems: string[] = [];
  const mappings: GroupMapping[] = [];
  // An escaped \; belongs to a DN, not between entries.
  const entries = raw
    .split(/(?<!\\);/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) return { ok: false, problems: ['no group is mapped: give group-dn=role entries separated by ;, e.g. cn=admins,ou=groups,dc=example,dc=org=admin'] };
  for (const entry of entries) {
    const split = entry.lastIndexOf('=');
    const dn = entry.slice(0, split).trim();
    const [role = '', ...grants] = entry
      .slice(split + 1)
      .split('+')
      .map((part) => part.trim());
    if (split < 0 || !looksLikeDn(dn)) {
      problems.push(`"${entry}" does not start with a group DN: write group-dn=role, e.g. cn=ops,ou=groups,dc=example,dc=org=operator`);
      continue;
    }
    if (!roleSchema.safeParse(role).success) {
      problems.push(`"${entry}": "${role}" is not a role; use admin, operator or viewer (then +area:read or +area:write grants)`);
      continue;
    }
    const wrongGrant = grants.find((grant) => !grantSchema.safeParse(grant).success);
    if (wrongGrant !== undefined) {
      problems.push(`"${entry}": "${wrongGrant}" is not a grant; ${grantSchema.safeParse(wrongGrant).error?.issues[0]?.message ?? 'write area:read or area:write'}`);
      continue;
    }
    mappings.push({ groupDn: normalizeDn(dn), role: roleSchema.parse(role), grants: [...new Set(grants)].sort() });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, mappings };
}

/**
 * The role and grants of a member of `groupDns`: the most powerful mapped role, with every mapped
 * group's grants. null when no group is mapped: such a user is refused, never given a default role.
 */
export function accessForGroups(mappings: readonly GroupMapping[], groupDns: readonly string[]): { role: Role; grants: string[]; groups: string[] } | null {
  const member = new Set(groupDns.map(normalizeDn));
  const matched = mappings.filter((mapping) => member.has(mapping.groupDn));
  const [first, ...rest] = matched;
  if (first === undefined) return null;
  const role = rest.reduce<Role>((best, mapping) => (rank[mapping.role] > rank[best] ? mapping.role : best), first.role);
  const grants = [...new Set(matched.flatMap((mapping) => mapping.grants))].sort();
  return { role, grants, groups: matched.map((mapping) => mapping.groupDn) };
}
