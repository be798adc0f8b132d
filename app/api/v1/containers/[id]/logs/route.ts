import { fieldErrorsFrom } from '@/lib/api/field-errors';
import { withSession } from '@/lib/auth/guard';
import { containerLogs, logsQuerySchema } from '@/lib/containers/container-logs';
import { getContainerContext } from '@/lib/containers/registry';
import { ValidationError } from '@/lib/errors/app-error';

export const dynamic = 'force-dynamic';

// GET /api/v1/containers/:id/logs?tail=200&since=…&timestamps=true&follow=true: text; with follow, a stream.
export const GET = withSession<{ id: string }>(
  async ({ request, user, params }) => {
    const search = Object.fromEntries(new URL(request.url).searchParams);
    const parsed = logsQuerySchema.safeParse(search);
    if (!parsed.success) {
      const fields = fieldErrorsFrom(parsed.error);
      throw new ValidationError(fields.map((field) => `${field.path}: ${field.message}`).join('; '), fields);
    }
    const stream = await containerLogs(getContainerContext(user), params.id, parsed.data, request.signal);
    return new Response(stream, { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } });
  },
  { permission: 'containers:read' },
);
