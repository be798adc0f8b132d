import { withSession } from '@/lib/auth/guard';
import { getContainerContext } from '@/lib/engines/registry';
import { hostParam } from '@/lib/engines/host-param';
import { imageHistory } from '@/lib/images/image-history';
import { imageParam } from '@/lib/images/request-image';

export const dynamic = 'force-dynamic';

export const GET = withSession<{ id: string }>(
  async ({ request, user, params }) => Response.json(await imageHistory(getContainerContext(user), imageParam(params.id), hostParam(request))),
  { permission: 'images:read' },
);
