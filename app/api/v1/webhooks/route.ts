import { readJsonBody, readQuery } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { requestActor } from '@/lib/server/request-actor';
import { getDatabase, getServices } from '@/lib/server/services';
import { createWebhookAudited, listWebhookViews } from '@/lib/webhooks/webhook-mutations';
import { createWebhookSchema, webhookListQuerySchema } from '@/lib/webhooks/webhook-schema';

export const dynamic = 'force-dynamic';

/** Webhooks (never their tokens); ?service= one service's. */
export const GET = withSession(
  async ({ request }) => {
    const query = readQuery(request, webhookListQuerySchema);
    return Response.json({ webhooks: await listWebhookViews(await getDatabase(), query) });
  },
  { permission: 'swarm:read' },
);

/** A webhook for a service or a stack; the token (and its URL path) is in this answer only. */
export const POST = withSession(
  async ({ request, user }) => {
    const input = await readJsonBody(request, createWebhookSchema);
    return Response.json(await createWebhookAudited(getServices(), await requestActor(user, request), input), { status: 201 });
  },
  { permission: 'swarm:write' },
);
