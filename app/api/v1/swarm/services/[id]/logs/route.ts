import { z } from 'zod';
import { withSession } from '@/lib/auth/guard';
import { ValidationError } from '@/lib/errors/app-error';
import { getServices } from '@/lib/server/services';
import { serviceLogs } from '@/lib/swarm/services';

export const dynamic = 'force-dynamic';

const tailSchema = z.coerce.number().int().min(1).max(5_000).default(200);

export const GET = withSession<{ id: string }>(
  async ({ request, params }) => {
    const parsed = tailSchema.safeParse(new URL(request.url).searchParams.get('tail') ?? undefined);
    if (!parsed.success) {
      const message = 'tail is a whole number of lines from 1 to 5000';
      throw new ValidationError(`tail: ${message}`, [{ path: 'tail', message }]);
    }
    const { docker, config } = getServices();
    return Response.json({ lines: await serviceLogs(docker, config.docker.url, params.id, parsed.data) });
  },
  { permission: 'swarm:read' },
);
