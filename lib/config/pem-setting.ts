import type { Environment } from './config';
import { readSettingFile } from './setting-file';

export type PemKind = 'certificate' | 'private key';

export type PemSetting = { ok: true; pem: string | undefined } | { ok: false; problem: string };

/** A setting naming a PEM file (a CA, a client certificate or its key), read and checked at start. */
export function readPemSetting(env: Environment, name: string, kind: PemKind): PemSetting {
  const path = env[name]?.trim() ?? '';
  if (path === '') return { ok: true, pem: undefined };
  const read = readSettingFile(path);
  if (!read.ok) return { ok: false, problem: `${name}: ${read.problem}` };
  const marker = kind === 'certificate' ? /-----BEGIN CERTIFICATE-----/ : /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
  if (!marker.test(read.text)) return { ok: false, problem: `${name}: "${path}" holds no PEM ${kind} (a "-----BEGIN ${kind === 'certificate' ? 'CERTIFICATE' : 'PRIVATE KEY'}-----" block)` };
  return { ok: true, pem: read.text };
}
