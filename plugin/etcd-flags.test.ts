import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFlags, UsageError } from './args';

const dir = mkdtempSync(path.join(os.tmpdir(), 'sy-ipam-flags-'));
const ca = path.join(dir, 'ca.pem');
const cert = path.join(dir, 'client.pem');
const key = path.join(dir, 'client-key.pem');
const password = path.join(dir, 'password');
writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n');
writeFileSync(cert, '-----BEGIN CERTIFICATE-----\nCLIENT\n-----END CERTIFICATE-----\n');
writeFileSync(key, '-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n');
writeFileSync(password, 'from-a-file\n');

const https = ['--cluster-store', 'https://etcd1:2379'];

describe("the sidecar's etcd TLS and auth flags", () => {
  it('reads the CA, the client certificate, the user and the password file from flags', () => {
    const { globals } = parseFlags([...https, '--etcd-ca', ca, '--etcd-cert', cert, '--etcd-key', key, '--etcd-username', 'ipam', '--etcd-password-file', password], {}, { NODE_ENV: 'test' });
    expect(globals.credentials.tls).toEqual({ ca: expect.stringContaining('CA'), cert: expect.stringContaining('CLIENT'), key: expect.stringContaining('KEY') });
    expect(globals.credentials.auth).toEqual({ username: 'ipam', password: 'from-a-file' });
  });

  it('falls back to IPAM_ETCD_* in the environment; a flag wins over its variable', () => {
    const env = { NODE_ENV: 'test' as const, IPAM_CLUSTER_STORE: 'https://etcd1:2379', IPAM_ETCD_CA: ca, IPAM_ETCD_USERNAME: 'env-user', IPAM_ETCD_PASSWORD: 'env-secret' };
    expect(parseFlags([], {}, env).globals.credentials).toEqual({ tls: { ca: expect.stringContaining('CA'), cert: null, key: null }, auth: { username: 'env-user', password: 'env-secret' } });
    expect(parseFlags(['--etcd-username', 'flag-user'], {}, env).globals.credentials.auth).toEqual({ username: 'flag-user', password: 'env-secret' });
    expect(parseFlags([], {}, { NODE_ENV: 'test' }).globals.credentials).toEqual({ tls: null, auth: null });
  });

  it('refuses, with every problem at once, a missing file, a certificate without its key and a user without a password', () => {
    const attempt = () => parseFlags([...https, '--etcd-ca', path.join(dir, 'nope.pem'), '--etcd-cert', cert, '--etcd-username', 'ipam'], {}, { NODE_ENV: 'test' });
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(/IPAM_ETCD_CA: ".*nope\.pem" does not exist/);
    expect(attempt).toThrow(/IPAM_ETCD_CERT: set IPAM_ETCD_KEY too/);
    expect(attempt).toThrow(/IPAM_ETCD_USERNAME: set IPAM_ETCD_PASSWORD or IPAM_ETCD_PASSWORD_FILE too/);
  });

  it('refuses TLS settings with a plain http:// endpoint', () => {
    expect(() => parseFlags(['--etcd-ca', ca], {}, { NODE_ENV: 'test' })).toThrow('IPAM_ETCD_CA/CERT/KEY are set but http://127.0.0.1:2379 is plain http://: write https:// to use TLS');
  });
});
