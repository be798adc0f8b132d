import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { engineForHost } from '@/lib/containers/locate';
import { getContainerContext } from '@/lib/containers/registry';
import { requestActor } from '@/lib/containers/request-actor';
import { AppError } from '@/lib/errors/app-error';
import { pullImage, pullImageSchema } from '@/lib/images/pull-image';
import type { PullEvent } from '@/lib/images/pull-progress';

export const dynamic = 'force-dynamic';

/**
 * POST /api/v1/images/pull {image, tag?, host?}: the pull's progress as newline-delimited JSON,
 * one PullEvent a line, ending with a `done` or an `error` event. A bad body or an unknown host
 * is answered before the stream starts (422).
 */
export const POST = withSession(
  async ({ request, user }) => {
    const input = await readJsonBody(request, pullImageSchema);
    const context = getContainerContext();
    await engineForHost(context, input.host);
    const actor = await requestActor(user, request);
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (event: PullEvent) => {
          try {
            controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
          } catch {
            // The client went away; the pull's abort handles the rest.
          }
        };
        try {
          await pullImage(context, actor, input, send, request.signal);
        } catch (error) {
          send({ type: 'error', message: error instanceof AppError ? error.message : 'The pull failed unexpectedly' });
        }
        try {
          controller.close();
        } catch {
          // already closed by a cancelled client
        }
      },
    });
    return new Response(stream, { headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } });
  },
  { permission: 'images:write' },
);
