import { withSession } from '@/lib/auth/guard';
import { requestActor } from '@/lib/server/request-actor';
import { revokeWebhookAudited } from '@/lib/webhooks/webhook-mutations';

export const dynamic = 'force-dynamic';

/** Revokes a webhook at once (kept in the list as revoked). */
export const DELETE = withSession<{ id: string }>(
  async ({ request, user, params }) => Response.json({ webhook: await revokeWebhookAudited(await requestActor(user, request), { id: params.id }) }),
  { permission: 'swarm:write' },
);
