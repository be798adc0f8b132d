import { withSession } from '@/lib/auth/guard';
import { getContainerContext } from '@/lib/engines/registry';
import { hostParam } from '@/lib/engines/host-param';
import { listImages } from '@/lib/images/list-images';

export const dynamic = 'force-dynamic';

// GET /api/v1/images?host=: every image on every engine (or one host's), with the containers using it.
export const GET = withSession(async ({ request, user }) => Response.json(await listImages(getContainerContext(user), hostParam(request))), { permission: 'images:read' });
