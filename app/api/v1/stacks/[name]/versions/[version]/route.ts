import { z } from 'zod';
import { withSession } from '@/lib/auth/guard';
import { granteeGrants } from '@/lib/auth/permissions';
import { ValidationError } from '@/lib/errors/app-error';
import { getDatabase } from '@/lib/server/services';
import { stackVersion } from '@/lib/stacks/stacks';

export const dynamic = 'force-dynamic';

const versionSchema = z.coerce.number().int().min(1);

// One deploy's compose file and env file, as they were deployed. The env file may hold values
// meant for the deployers only: readers without stacks:write get null and envFileHidden. An env
// file kept sealed is opened here; envFileAbsence says why one given is not there (no key).
// givenFiles names the secret/config files given with the deploy (their contents are never kept).
export const GET = withSession<{ name: string; version: string }>(
  async ({ params, user }) => {
    const version = versionSchema.safeParse(params.version);
    if (!version.success) throw new ValidationError('The version is a whole number from 1', [{ path: 'version', message: 'a whole number from 1' }]);
    const found = await stackVersion(await getDatabase(), params.name, version.data);
    return Response.json({ version: { version: found.version, deployedBy: found.deployedBy, deployedAt: found.deployedAt.toISOString(), composeFile: found.composeFile, givenFiles: found.givenFiles ?? [], ...(found.envFileAbsence ? { envFileAbsence: found.envFileAbsence } : {}), ...(granteeGrants(user, 'stacks:write') ? { envFile: found.envFile } : { envFile: null, envFileHidden: found.envFile !== null }) } });
  },
  { permission: 'stacks:read' },
);
