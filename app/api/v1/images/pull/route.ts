import { readJsonBody } from '@/lib/api/read-json-body';
import { withSession } from '@/lib/auth/guard';
import { engineForHost } from '@/lib/engines/locate';
import { getContainerContext } from '@/lib/engines/registry';
import { requestActor } from '@/lib/server/request-actor';
import { AppError } from '@/lib/errors/app-error';
import { pullImageSchema } from '@/lib/images/image-schema';
import { pullImage } from '@/lib/images/pull-image';
import type { PullEvent } from '@/lib/images/pull-progress';

export const dynamic = 'force-dynamic';

/**
 * POST /api/v1/images/pull {image, tag?, host?, username?, password?}: the pull's progress as
 * newline-delimited JSON, one PullEvent a line, ending with a `done` or an `error` event. A bad
 * body or an unknown host (422), and a pull Docker refuses outright (e.g. a registry that wants
 * other credentials: 400), are answered before the stream starts.
 */
export const POST = withSession(
  async ({ request, user }) => {
    const input = await readJsonBody(request, pullImageSchema);
    const context = getContainerContext(user);
    await engineForHost(context, input.host);
    const actor = await requestActor(user, request);
    const encoder = new TextEncoder();
    // Events that arrive before the response's stream exists wait here.
    const early: PullEvent[] = [];
    let deliver: (event: PullEvent) => void = (event) => void early.push(event);
    let started = () => {};
    const streamStarted = new Promise<void>((resolve) => (started = resolve));
    const pulling = pullImage(context, actor, input, (event) => deliver(event), request.signal, started);
    // Docker's refusal of the request itself is thrown here, so it becomes a 4xx/5xx in words.
    await Promise.race([streamStarted, pulling]);
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (event: PullEvent) => {
          try {
            controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
          } catch {
            // The client went away; the pull's abort handles the rest.
          }
        };
        for (const event of early.splice(0)) send(event);
        deliver = send;
        try {
          await pulling;
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
