import type { Environment } from './config';
import { readSettingFile } from './setting-file';

export type SecretSetting = { ok: true; value: string | undefined } | { ok: false; problem: string };

/**
 * A secret given as NAME or as NAME_FILE (a file holding it, as swarm and Kubernetes mount
 * secrets; one trailing newline is dropped). Both at once is a mistake, not a precedence.
 */
export function readSecretSetting(env: Environment, name: string): SecretSetting {
  const direct = env[name];
  const file = env[`${name}_FILE`]?.trim() ?? '';
  const given = direct !== undefined && direct !== '';
  if (file === '') return { ok: true, value: given ? direct : undefined };
  const read = readSettingFile(file);
  if (!read.ok) return { ok: false, problem: `${name}_FILE: ${read.problem}` };
  const value = read.text.replace(/\r?\n$/, '');
  // scripts/serve.ts copies NAME_FILE into NAME first (lib/config/secret-files.ts): the same value twice is that copy.
  if (given && direct !== value) return { ok: false, problem: `${name} and ${name}_FILE are both set: keep one` };
  if (value === '') return { ok: false, problem: `${name}_FILE: "${file}" is empty` };
  return { ok: true, value };
}
