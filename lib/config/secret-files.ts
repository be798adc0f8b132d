import { readFileSync } from 'node:fs';

/**
 * Settings that may come from a file instead of the environment (NAME_FILE=/run/secrets/...), as
 * swarm and Kubernetes secrets are mounted: the secret never shows in `docker inspect`.
 */
export const SECRET_FILE_VARIABLES = [
  'AUTH_SECRET',
  'SHIPYARD_DATABASE_USER',
  'SHIPYARD_DATABASE_PASSWORD',
  'SHIPYARD_ETCD_USERNAME',
  'SHIPYARD_ETCD_PASSWORD',
  'SHIPYARD_LDAP_BIND_PASSWORD',
] as const;

type ReadFile = (path: string) => string;

/**
 * Copies each NAME_FILE's content (without its trailing newline) into NAME, in place, before
 * anything reads the environment (next-auth reads AUTH_SECRET itself). Returns one problem per
 * unreadable file or per setting given both ways; the environment is left as it was for those.
 */
export function applySecretFiles(env: Record<string, string | undefined>, read: ReadFile = (path) => readFileSync(path, 'utf8')): string[] {
  const problems: string[] = [];
  for (const name of SECRET_FILE_VARIABLES) {
    const file = env[`${name}_FILE`]?.trim();
    if (!file) continue;
    if (env[name]?.trim()) {
      problems.push(`${name}_FILE: ${name} is set too; give the setting one way`);
      continue;
    }
    try {
      env[name] = read(file).replace(/\r?\n$/, '');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
      problems.push(`${name}_FILE: cannot read ${file} (${code})`);
    }
  }
  return problems;
}
