import { withSession, type Requirement } from '@/lib/auth/guard';
import { NotFoundError } from '@/lib/errors/app-error';

export const dynamic = 'force-dynamic';

// Unknown API paths: still 401 without a session (nothing leaks about what exists), else 404
// JSON. A viewer may change nothing, so a viewer's unknown mutation is a 403 like any other.
const notFound = (requirement: Requirement) =>
  withSession<{ path: string[] }>(async ({ params }) => {
    throw new NotFoundError(`No API route /api/v1/${params.path.join('/')}: the README's REST API section lists the routes`);
  }, requirement);

const read = notFound({ role: 'viewer' });
const write = notFound({ role: 'operator' });

export { read as GET, write as POST, write as PUT, write as PATCH, write as DELETE };
