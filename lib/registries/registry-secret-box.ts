// Seals a registry password with AES-256-GCM: a fresh 12-byte IV per value, the 16-byte tag
// checked on opening (a changed row fails rather than decrypting to garbage), and the key's id in
// the sealed text, so a rotation knows which values still need the old key.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '@/lib/errors/app-error';
import type { RegistryKey, RegistryKeyring } from './registry-key';

const VERSION = 'v1';

export function sealPassword(password: string, key: RegistryKey): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  const ciphertext = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
  return [VERSION, key.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
}

/** The id of the key that sealed `sealed`. */
export function sealedKeyId(sealed: string): string {
  return sealed.split('.')[1] ?? '';
}

/** The password, opened with whichever key of the ring sealed it; an AppError naming the problem otherwise. */
export function openPassword(sealed: string, keyring: RegistryKeyring): string {
  const [version, keyId, iv, tag, ciphertext] = sealed.split('.');
  if (version !== VERSION || !keyId || !iv || !tag || ciphertext === undefined) throw new AppError('INTERNAL', 'A saved registry password is not in a known sealed form');
  const key = [keyring.current, keyring.old].find((candidate) => candidate?.id === keyId);
  if (!key) {
    throw new AppError('REGISTRY_KEY_MISSING', 'A saved registry password was sealed with a key the console no longer has: set that key as SHIPYARD_REGISTRY_KEY_OLD, or save the password again');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new AppError('INTERNAL', 'A saved registry password failed its integrity check (changed in the database?): save it again', { cause: error });
  }
}
