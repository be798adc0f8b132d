import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const secret = 'x'.repeat(40);
const dir = mkdtempSync(path.join(os.tmpdir(), 'sy-store-credentials-'));
const pemCert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const pemKey = '-----BEGIN EC PRIVATE KEY-----\nMHc\n-----END EC PRIVATE KEY-----\n';
function file(name: string, text: string): string {
  const where = path.join(dir, name);
  writeFileSync(where, text);
  return where;
}
const ca = file('ca.pem', pemCert);
const cert = file('cert.pem', pemCert);
const key = file('key.pem', pemKey);
const notPem = file('notes.txt', 'hello');
const passwordFile = file('password', 's3cret\n');
const emptyFile = file('empty', '');

function load(env: Record<string, string>) {
  return loadConfig({ AUTH_SECRET: secret, ...env });
}
function errorsFor(env: Record<string, string>): string[] {
  const result = load(env);
  return result.ok ? [] : result.errors;
}

describe('etcd credentials in loadConfig', () => {
  it('none by default', () => {
    const result = load({});
    expect(result.ok && result.config.etcd.credentials).toEqual({ tls: null, auth: null });
  });

  it('reads the CA, the client certificate and key, the user and its password (also from _FILE)', () => {
    const result = load({ SHIPYARD_ETCD: 'https://etcd:2379', SHIPYARD_ETCD_CA: ca, SHIPYARD_ETCD_CERT: cert, SHIPYARD_ETCD_KEY: key, SHIPYARD_ETCD_USERNAME: 'root', SHIPYARD_ETCD_PASSWORD_FILE: passwordFile });
    expect(result.ok && result.config.etcd).toEqual({
      endpoints: ['https://etcd:2379'],
      credentials: { tls: { ca: pemCert, cert: pemCert, key: pemKey }, auth: { username: 'root', password: 's3cret' } },
      variables: 'SHIPYARD_ETCD',
    });
  });

  it("falls back to the sidecar's IPAM_ETCD_* settings when the console has none of its own", () => {
    const result = load({ IPAM_CLUSTER_STORE: 'http://etcd:2379', IPAM_ETCD_USERNAME: 'ipam', IPAM_ETCD_PASSWORD: 'pw' });
    expect(result.ok && result.config.etcd.credentials.auth).toEqual({ username: 'ipam', password: 'pw' });
    expect(result.ok && result.config.etcd.variables).toBe('IPAM_ETCD');
  });

  it('one message per wrong value', () => {
    expect(errorsFor({ SHIPYARD_ETCD: 'https://etcd:2379', SHIPYARD_ETCD_CA: path.join(dir, 'missing.pem'), SHIPYARD_ETCD_CERT: notPem, SHIPYARD_ETCD_USERNAME: 'root' })).toEqual([
      `SHIPYARD_ETCD_CA: "${path.join(dir, 'missing.pem')}" does not exist`,
      `SHIPYARD_ETCD_CERT: "${notPem}" holds no PEM certificate (a "-----BEGIN CERTIFICATE-----" block)`,
      'SHIPYARD_ETCD_CERT: set SHIPYARD_ETCD_KEY too (a client certificate needs its private key)',
      'SHIPYARD_ETCD_USERNAME: set SHIPYARD_ETCD_PASSWORD or SHIPYARD_ETCD_PASSWORD_FILE too',
    ]);
    expect(errorsFor({ SHIPYARD_ETCD_PASSWORD: 'pw', SHIPYARD_ETCD_PASSWORD_FILE: passwordFile })).toEqual([
      'SHIPYARD_ETCD_PASSWORD and SHIPYARD_ETCD_PASSWORD_FILE are both set: keep one',
    ]);
    // As scripts/serve.ts leaves it after copying the file into the variable (lib/config/secret-files.ts).
    expect(errorsFor({ SHIPYARD_ETCD_USERNAME: 'root', SHIPYARD_ETCD_PASSWORD: 's3cret', SHIPYARD_ETCD_PASSWORD_FILE: passwordFile })).toEqual([]);
    expect(errorsFor({ SHIPYARD_ETCD_PASSWORD: 'pw' })).toEqual(['SHIPYARD_ETCD_PASSWORD: set SHIPYARD_ETCD_USERNAME too (the etcd user it belongs to)']);
    expect(errorsFor({ SHIPYARD_ETCD_USERNAME: 'root', SHIPYARD_ETCD_PASSWORD_FILE: emptyFile })).toEqual([`SHIPYARD_ETCD_PASSWORD_FILE: "${emptyFile}" is empty`]);
    expect(errorsFor({ SHIPYARD_ETCD: 'http://etcd:2379', SHIPYARD_ETCD_CA: ca })).toEqual([
      'SHIPYARD_ETCD_CA/CERT/KEY are set but http://etcd:2379 is plain http://: write https:// to use TLS',
    ]);
  });
});

describe('database credentials in loadConfig', () => {
  it('none by default: the driver\'s "admin" without a password, no TLS', () => {
    const result = load({});
    expect(result.ok && result.config.database.credentials).toEqual({ user: null, password: null, ca: null });
  });

  it('reads the user, the password (or its file) and the CA', () => {
    const result = load({ SHIPYARD_DATABASE_USER: 'shipyard', SHIPYARD_DATABASE_PASSWORD_FILE: passwordFile, SHIPYARD_DATABASE_CA: ca });
    expect(result.ok && result.config.database.credentials).toEqual({ user: 'shipyard', password: 's3cret', ca: pemCert });
  });

  it('one message per wrong value', () => {
    expect(errorsFor({ SHIPYARD_DATABASE_USER: 'a b', SHIPYARD_DATABASE_PASSWORD_FILE: path.join(dir, 'nope'), SHIPYARD_DATABASE_CA: key })).toEqual([
      'SHIPYARD_DATABASE_USER: "a b" may not hold spaces, commas or "="',
      `SHIPYARD_DATABASE_PASSWORD_FILE: "${path.join(dir, 'nope')}" does not exist`,
      `SHIPYARD_DATABASE_CA: "${key}" holds no PEM certificate (a "-----BEGIN CERTIFICATE-----" block)`,
    ]);
  });
});

describe('SHIPYARD_PUBLIC_URL', () => {
  it('is the origin users reach the console at; unset: null', () => {
    const publicUrl = (value?: string) => {
      const result = load(value === undefined ? {} : { SHIPYARD_PUBLIC_URL: value });
      return result.ok ? result.config.publicUrl : result.errors;
    };
    expect(publicUrl()).toBeNull();
    expect(publicUrl('https://shipyard.example.com')).toBe('https://shipyard.example.com');
    expect(publicUrl('https://shipyard.example.com:8443/')).toBe('https://shipyard.example.com:8443');
    expect(publicUrl('shipyard.example.com')).toEqual(['SHIPYARD_PUBLIC_URL: "shipyard.example.com" is not a URL: write it as users type it, e.g. https://shipyard.example.com']);
    expect(publicUrl('https://example.com/shipyard')).toEqual([
      'SHIPYARD_PUBLIC_URL: "https://example.com/shipyard" has a path, query or fragment: the console is served at the root of its host, e.g. https://example.com',
    ]);
    expect(publicUrl('ftp://example.com')).toEqual(['SHIPYARD_PUBLIC_URL: "ftp://example.com" must start with https:// (or http://)']);
    expect(publicUrl('http://0.0.0.0:8080')).toEqual([expect.stringContaining('is a bind address')]);
  });
});
