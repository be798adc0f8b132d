import { readFileSync, statSync } from 'node:fs';

export type SettingFile = { ok: true; text: string } | { ok: false; problem: string };

/** Reads a file a setting names (a certificate, a swarm secret), or says in words why it cannot. */
export function readSettingFile(path: string): SettingFile {
  try {
    if (!statSync(path).isFile()) return { ok: false, problem: `"${path}" is not a file` };
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (code === 'ENOENT') return { ok: false, problem: `"${path}" does not exist` };
    if (code === 'EACCES') return { ok: false, problem: `"${path}" cannot be read by this process (permission denied)` };
    return { ok: false, problem: `"${path}" cannot be read (${error instanceof Error ? error.message : String(error)})` };
  }
}
