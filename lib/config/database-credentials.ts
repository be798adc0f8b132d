import type { Environment } from './config';
import { readPemSetting } from './pem-setting';
import { readSecretSetting } from './secret-setting';

/** RethinkDB's user (default "admin" without a password) and TLS to it. */
export interface DatabaseCredentials {
  readonly user: string | null;
  readonly password: string | null;
  /** PEM text of the CA the server's certificate is checked against; null: no TLS. */
  readonly ca: string | null;
}

/** Reads SHIPYARD_DATABASE_USER, SHIPYARD_DATABASE_PASSWORD (or _FILE) and SHIPYARD_DATABASE_CA. */
export function parseDatabaseCredentials(env: Environment): { credentials: DatabaseCredentials; problems: string[] } {
  const problems: string[] = [];
  const user = env.SHIPYARD_DATABASE_USER?.trim() ?? '';
  if (user !== '' && !/^[^\s,=]{1,128}$/.test(user)) problems.push(`SHIPYARD_DATABASE_USER: "${user}" may not hold spaces, commas or "="`);
  const password = readSecretSetting(env, 'SHIPYARD_DATABASE_PASSWORD');
  if (!password.ok) problems.push(password.problem);
  const ca = readPemSetting(env, 'SHIPYARD_DATABASE_CA', 'certificate');
  if (!ca.ok) problems.push(ca.problem);
  return {
    credentials: {
      user: user === '' ? null : user,
      password: password.ok ? (password.value ?? null) : null,
      ca: ca.ok ? (ca.pem ?? null) : null,
    },
    problems,
  };
}
