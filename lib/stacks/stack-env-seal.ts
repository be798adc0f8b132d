// An env file at rest: its ${VAR}s are often passwords, so the stored copy is sealed like a saved
// registry's password (AES-256-GCM under SHIPYARD_REGISTRY_KEY, lib/registries). Without a key the
// deploy still runs, but the env file is not stored, and the version says so.
import { AppError } from '@/lib/errors/app-error';
import { processRegistryKeyring, type RegistryKeyring } from '@/lib/registries/registry-key';
import { openPassword, sealPassword } from '@/lib/registries/registry-secret-box';
import type { StackVersion } from '@/prisma-free-db';

/** What a version keeps of its env file: sealed text, nothing (none given), or a note that it was not kept. */
export interface StoredEnvFile {
  readonly envFile: string | null;
  readonly envFileSealed?: true;
  readonly envFileNotStored?: true;
}

type Keyring = () => RegistryKeyring;

function keyringOrNull(keyring: Keyring): RegistryKeyring | null {
  try {
    return keyring();
  } catch (error) {
    if (error instanceof AppError && error.code === 'REGISTRY_KEY_MISSING') return null;
    throw error;
  }
}

export function sealEnvFile(envFile: string | undefined, keyring: Keyring = processRegistryKeyring): StoredEnvFile {
  if (!envFile) return { envFile: null };
  const ring = keyringOrNull(keyring);
  if (!ring) return { envFile: null, envFileNotStored: true };
  return { envFile: sealPassword(envFile, ring.current), envFileSealed: true };
}

/** Why a stored version shows no env file, when it had one. */
export type EnvFileAbsence = 'not-stored' | 'key-missing';

/** The version's env file in clear (older versions stored it so), or null and why it is not there. */
export function openEnvFile(version: Pick<StackVersion, 'envFile' | 'envFileSealed' | 'envFileNotStored'>, keyring: Keyring = processRegistryKeyring): { envFile: string | null; absence?: EnvFileAbsence } {
  if (version.envFileNotStored) return { envFile: null, absence: 'not-stored' };
  if (version.envFile === null || !version.envFileSealed) return { envFile: version.envFile };
  const ring = keyringOrNull(keyring);
  if (!ring) return { envFile: null, absence: 'key-missing' };
  return { envFile: openPassword(version.envFile, ring) };
}
