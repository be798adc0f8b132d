/** One area's access as the editor shows it; `write` is read-write (a write grant includes the read). */
export type AreaAccess = 'none' | 'read' | 'write';

/** The access an account's grants give on one area. */
export function accessOn(grants: readonly string[], area: string): AreaAccess {
  if (grants.includes(`${area}:write`)) return 'write';
  if (grants.includes(`${area}:read`)) return 'read';
  return 'none';
}

/** The grants list the API takes, from each area's chosen access. */
export function grantsFrom(access: Readonly<Record<string, AreaAccess>>): string[] {
  return Object.entries(access).flatMap(([area, level]) => (level === 'none' ? [] : [`${area}:${level}`]));
}
