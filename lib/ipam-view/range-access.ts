// Who may add IPAM ranges (ip-range, host-range): one rule for the ranges route, the network
// form's "add the range in the same step" and the words that tell everyone else whom to ask.
import { roleAllows } from '@/lib/auth/roles';
import { AppError } from '@/lib/errors/app-error';
import type { Role } from '@/prisma-free-db/schemas/account';

/** Ranges decide which addresses every host hands out: an admin's change. */
export const ADD_RANGE_ROLE: Role = 'admin';

export function mayAddRanges(user: { readonly role: Role }): boolean {
  return roleAllows(user.role, ADD_RANGE_ROLE);
}

/** What someone who may not add ranges is told: who can, and what they would run. */
export function whoAddsRanges(subnet: string): string {
  return (
    `Adding a container range needs the ${ADD_RANGE_ROLE} role: ask an ${ADD_RANGE_ROLE} to add one for ${subnet} ` +
    `(on the IP allocations page, or shipyard-ipam ip-range --ip-start <first>/<len> --ip-end <last>/<len> on any host)`
  );
}

export class RangeNotAllowedError extends AppError {
  constructor(subnet: string, role: Role) {
    const message = `${whoAddsRanges(subnet)}; your account has the ${role} role`;
    super('FORBIDDEN', message, { fields: [{ path: 'containerRange', message }] });
  }
}
