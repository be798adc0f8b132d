// The key that seals saved registry passwords: SHIPYARD_REGISTRY_KEY (or _FILE), never AUTH_SECRET
// (a leaked session secret must not open the registries, nor a rotated one lock them). During a
// rotation SHIPYARD_REGISTRY_KEY_OLD (or _FILE) still opens what the old key sealed.
import { createHash, hkdfSync } from 'node:crypto';
import { readSecretSetting } from '@/lib/config/secret-setting';
import type { Environment } from '@/lib/config/config';
import { AppError } from '@/lib/errors/app-error';

export const REGISTRY_KEY_SETTING = 'SHIPYARD_REGISTRY_KEY';
export const OLD_REGISTRY_KEY_SETTING = 'SHIPYARD_REGISTRY_KEY_OLD';
export const MIN_REGISTRY_KEY_LENGTH = 32;

/** One AES-256 key and the id a sealed value names it by (so the right key opens it). */
export interface RegistryKey {
  id: string;
  key: Buffer;
}

/** The key that seals (current) and the ones that may still open (current, then old). */
export interface RegistryKeyring {
  current: RegistryKey;
  old: RegistryKey | null;
}

/** The key is missing or unusable: saved registries cannot be used until it is set. */
export class RegistryKeyMissingError extends AppError {
  static override readonly brand: string = 'RegistryKeyMissingError';
  constructor(problem: string) {
    super('REGISTRY_KEY_MISSING', `Saved registries need a key of their own: ${problem}. Set ${REGISTRY_KEY_SETTING} (or ${REGISTRY_KEY_SETTING}_FILE) to at least ${MIN_REGISTRY_KEY_LENGTH} random characters, e.g. openssl rand -base64 33, and restart the console`);
  }
}

/** 32 bytes for AES-256 from the setting's text (HKDF-SHA256, labelled for this one use). */
export function deriveRegistryKey(secret: string): RegistryKey {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), 'shipyard registry passwords v1', 32));
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 16), key };
}

function keyFrom(env: Environment, name: string): { key: RegistryKey | null; problem: string | null } {
  const setting = readSecretSetting(env, name);
  if (!setting.ok) return { key: null, problem: setting.problem };
  if (setting.value === undefined) return { key: null, problem: null };
  if (setting.value.length < MIN_REGISTRY_KEY_LENGTH) return { key: null, problem: `${name} is too short (${setting.value.length} characters)` };
  if (env.AUTH_SECRET !== undefined && setting.value === env.AUTH_SECRET) return { key: null, problem: `${name} is the same as AUTH_SECRET; give it a value of its own` };
  return { key: deriveRegistryKey(setting.value), problem: null };
}

/** The keyring from the environment; a RegistryKeyMissingError saying what to set when there is none. */
export function registryKeyringFrom(env: Environment): RegistryKeyring {
  const current = keyFrom(env, REGISTRY_KEY_SETTING);
  if (current.problem) throw new RegistryKeyMissingError(current.problem);
  if (!current.key) throw new RegistryKeyMissingError(`${REGISTRY_KEY_SETTING} is not set`);
  const old = keyFrom(env, OLD_REGISTRY_KEY_SETTING);
  if (old.problem) throw new RegistryKeyMissingError(old.problem);
  return { current: current.key, old: old.key };
}

/** The process's keyring (read each time: cheap, and a test may change the environment). */
export function processRegistryKeyring(): RegistryKeyring {
  return registryKeyringFrom(process.env);
}

/** What is wrong with the key settings in words (for the start-up log and the Registries page), or null. */
export function registryKeyProblem(env: Environment = process.env): string | null {
  try {
    registryKeyringFrom(env);
    return null;
  } catch (error) {
    if (error instanceof RegistryKeyMissingError) return error.message;
    throw error;
  }
}
