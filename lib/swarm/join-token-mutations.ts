// Rotating a join token as the console does it: (services, actor, input), audited here.
import type { Actor } from '@/lib/audit/actor';
import { audited } from '@/lib/audit/audited';
import { managerClientOf, type ManagerServices } from '@/lib/server/manager-services';
import type { RotateTokenInput } from './join-token-schema';
import { rotateJoinToken, type JoinTokensView } from './join-tokens';

/** A new token for `role`; the old one stops working (nodes that already joined are unaffected). */
export async function rotateJoinTokenAudited(services: ManagerServices, actor: Actor, input: RotateTokenInput): Promise<JoinTokensView> {
  return audited(actor, { action: 'swarm.join-token.rotate', target: input.role }, () => rotateJoinToken(managerClientOf(services, actor), input.role));
}
