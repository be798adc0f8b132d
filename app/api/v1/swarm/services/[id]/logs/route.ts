import { fieldErrorsFrom } from '@/lib/api/field-errors';
import { withSession } from '@/lib/auth/guard';
import { getContainerContext } from '@/lib/containers/registry';
import { ValidationError } from '@/lib/errors/app-error';
import { sseResponse } from '@/lib/http/sse-response';
import { getServices } from '@/lib/server/services';
import { followServiceLogs, isFollow, serviceLogsQuerySchema } from '@/lib/swarm/service-log-stream';
import { serviceLogs } from '@/lib/swarm/services';

export const dynamic = 'force-dynamic';

// GET /api/v1/swarm/services/:id/logs?tail=200: JSON lines; with &follow=1, server-sent events until the client leaves.
export const GET = withSession<{ id: string }>(
  async ({ request, params }) => {
    const parsed = serviceLogsQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) {
      const fields = fieldErrorsFrom(parsed.error);
      throw new ValidationError(fields.map((field) => `${field.path}: ${field.message}`).join('; '), fields);
    }
    const { docker, config } = getServices();
    if (isFollow(parsed.data)) {
      // The manager's handle carries a client without a timeout, for streams that stay open.
      const streaming = getContainerContext().handles[0]?.streaming ?? docker;
      return sseResponse(await followServiceLogs({ docker, streaming }, config.docker.url, params.id, parsed.data.tail, request.signal));
    }
    return Response.json({ lines: await serviceLogs(docker, config.docker.url, params.id, parsed.data.tail) });
  },
  { permission: 'swarm:read' },
);
