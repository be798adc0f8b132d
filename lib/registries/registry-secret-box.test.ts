import { describe, expect, it } from 'vitest';
import { deriveRegistryKey, registryKeyringFrom } from './registry-key';
import { openPassword, sealPassword, sealedKeyId } from './registry-secret-box';

const NEW = 'new-registry-key-0123456789abcdefghijklmnop';
const OLD = 'old-registry-key-0123456789abcdefghijklmnop';

describe('registry password sealing', () => {
  it('opens what it sealed, with a fresh IV each time and never the password in the clear', () => {
    const keyring = registryKeyringFrom({ SHIPYARD_REGISTRY_KEY: NEW });
    const first = sealPassword('s3cret-pass', keyring.current);
    const second = sealPassword('s3cret-pass', keyring.current);
    expect(first).not.toBe(second);
    expect(first).not.toContain('s3cret');
    expect(first).toMatch(/^v1\.[a-f0-9]{16}\./);
    expect(openPassword(first, keyring)).toBe('s3cret-pass');
  });

  it('refuses a sealed value that was changed (the GCM tag)', () => {
    const keyring = registryKeyringFrom({ SHIPYARD_REGISTRY_KEY: NEW });
    const parts = sealPassword('s3cret-pass', keyring.current).split('.');
    const flipped = Buffer.from(parts[4] ?? '', 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    parts[4] = flipped.toString('base64url');
    expect(() => openPassword(parts.join('.'), keyring)).toThrow(/integrity check/);
  });

  it('opens an old-key value during a rotation, and says which setting is missing after it', () => {
    const sealedWithOld = sealPassword('pw', deriveRegistryKey(OLD));
    const rotating = registryKeyringFrom({ SHIPYARD_REGISTRY_KEY: NEW, SHIPYARD_REGISTRY_KEY_OLD: OLD });
    expect(openPassword(sealedWithOld, rotating)).toBe('pw');
    expect(sealedKeyId(sealedWithOld)).toBe(rotating.old?.id);
    expect(sealedKeyId(sealedWithOld)).not.toBe(rotating.current.id);
    const after = registryKeyringFrom({ SHIPYARD_REGISTRY_KEY: NEW });
    expect(() => openPassword(sealedWithOld, after)).toThrow(/SHIPYARD_REGISTRY_KEY_OLD/);
  });
});

describe('the registry key setting', () => {
  it('is required, long enough and not AUTH_SECRET', () => {
    expect(() => registryKeyringFrom({})).toThrow(expect.objectContaining({ code: 'REGISTRY_KEY_MISSING', message: expect.stringContaining('SHIPYARD_REGISTRY_KEY is not set') }));
    expect(() => registryKeyringFrom({ SHIPYARD_REGISTRY_KEY: 'short' })).toThrow(/too short/);
    expect(() => registryKeyringFrom({ SHIPYARD_REGISTRY_KEY: NEW, AUTH_SECRET: NEW })).toThrow(/same as AUTH_SECRET/);
  });

  it('derives a different key from a different setting', () => {
    expect(deriveRegistryKey(NEW).id).not.toBe(deriveRegistryKey(OLD).id);
    expect(deriveRegistryKey(NEW).key).toHaveLength(32);
  });
});

describe('the key problem in words', () => {
  it('is null with a good key and names the setting without one', async () => {
    const { registryKeyProblem } = await import('./registry-key');
    expect(registryKeyProblem({ SHIPYARD_REGISTRY_KEY: NEW })).toBeNull();
    expect(registryKeyProblem({})).toMatch(/Set SHIPYARD_REGISTRY_KEY/);
  });
});
