import { granteeGrants } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session-user';
import type { GatewayRule } from './allow-list';

const READS = new Set(['GET', 'HEAD']);

/** Whether a call changes something: every method but GET and HEAD, and every *:write rule (attach, export). */
export function isWriteCall(method: string, rule: GatewayRule): boolean {
  return !READS.has(method.toUpperCase()) || rule.requires.endsWith(':write');
}

/** Why the caller may not make this call (a message the docker CLI prints), or null when they may. */
export function refuseCall(user: SessionUser, rule: GatewayRule, method: string): string | null {
  if (user.credential?.kind === 'token' && user.credential.readOnly && isWriteCall(method, rule)) {
    return 'This API token is read-only: it may not change anything (create a token without the read-only scope)';
  }
  if (rule.requires === 'signed-in') return null;
  if (rule.requires === 'admin') {
    if (user.role === 'admin') return null;
    const why = rule.why ? ` (${rule.why})` : '';
    return `Only an admin may call ${method} ${rule.pattern} through the Shipyard gateway${why}; your account has the ${user.role} role`;
  }
  if (granteeGrants(user, rule.requires)) return null;
  const why = rule.why ? ` (${rule.why})` : '';
  return `This needs the ${rule.requires} permission${why}, which your account (role ${user.role}) does not have`;
}
