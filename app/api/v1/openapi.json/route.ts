import { withSession } from '@/lib/auth/guard';
import { openApiDocument } from '@/lib/openapi/openapi-document';

export const dynamic = 'force-dynamic';

export const GET = withSession(async () => Response.json(openApiDocument()), { role: 'viewer' });
