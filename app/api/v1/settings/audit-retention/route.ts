import { readJsonBody } from '@/lib/api/read-json-body';
import { readAuditRetention } from '@/lib/audit/audit-log';
import { setRetentionSchema } from '@/lib/audit/audit-schema';
import { setRetention } from '@/lib/audit/set-retention';
import { withSession } from '@/lib/auth/guard';
import { clientAddress } from '@/lib/http/client-address';
import { getDatabase } from '@/lib/server/services';

export const dynamic = 'force-dynamic';

export const GET = withSession(async () => Response.json({ retention: await readAuditRetention(await getDatabase()) }), {
  permission: 'events:read',
});

/** `{days}` (1–3650): older events are deleted now and every hour after. */
export const PUT = withSession(
  async ({ request, user }) => {
    const input = await readJsonBody(request, setRetentionSchema);
    const result = await setRetention(await getDatabase(), user, input, clientAddress(request.headers));
    return Response.json({ retention: { days: result.days }, deleted: result.deleted });
  },
  { permission: 'events:write' },
);
