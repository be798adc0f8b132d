// The registry login a pull the gateway makes on the caller's behalf sends: the caller's own
// X-Registry-Auth when it carries a login (the docker CLI sends "{}" when it has none), else the
// saved registry's login for the image's registry host (lib/registries), else none (public).
import type { IncomingHttpHeaders } from 'node:http';
import type { SessionUser } from '@/lib/auth/session-user';
import { registryAuthForImage } from '@/lib/registries/registry-auth';
import type { GatewayContext } from './gateway-context';

/** Whether an X-Registry-Auth value holds a login (a user name or a token), not the CLI's empty "{}". */
export function carriesLogin(value: string | undefined): value is string {
  if (value === undefined || value.trim() === '') return false;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return false;
    return ['username', 'identitytoken', 'registrytoken'].some((key) => key in parsed && typeof (parsed as Record<string, unknown>)[key] === 'string' && (parsed as Record<string, unknown>)[key] !== '');
  } catch {
    return false;
  }
}

export async function pullAuthFor(context: Pick<GatewayContext, 'database'>, user: Pick<SessionUser, 'username'>, headers: IncomingHttpHeaders, image: string): Promise<string | undefined> {
  const given = headers['x-registry-auth'];
  if (typeof given === 'string' && carriesLogin(given)) return given;
  // A saved login that cannot be opened (no key) leaves the pull public; its failure says why.
  return registryAuthForImage({ database: context.database }, user, image).catch(() => undefined);
}
