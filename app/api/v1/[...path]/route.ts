import { withSession } from '@/lib/auth/guard';
import { NotFoundError } from '@/lib/errors/app-error';

export const dynamic = 'force-dynamic';

// Unknown API paths: still 401 without a session (nothing leaks about what exists), else 404 JSON.
const notFound = withSession<{ path: string[] }>(
  async ({ params }) => {
    throw new NotFoundError(`No API route /api/v1/${params.path.join('/')}: the README's REST API section lists the routes`);
  },
  { role: 'viewer' },
);

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
