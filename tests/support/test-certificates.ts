// Certificates made with openssl in a temp dir of the test's own: a CA, a server certificate for
// 127.0.0.1/localhost (and any extra names), a client certificate, and a second CA nobody trusts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestCertificates {
  readonly dir: string;
  /** Paths of the PEM files. */
  readonly files: { ca: string; serverCert: string; serverKey: string; clientCert: string; clientKey: string; otherCa: string };
  read(file: keyof TestCertificates['files']): string;
  remove(): void;
}

function openssl(dir: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

function makeCa(dir: string, name: string): void {
  openssl(dir, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '2', '-subj', `/CN=${name}`);
}

export function makeTestCertificates(options: { serverNames?: string[]; clientName?: string } = {}): TestCertificates {
  const dir = mkdtempSync(path.join(tmpdir(), 'sycerts-'));
  makeCa(dir, 'test-ca');
  makeCa(dir, 'other-ca');
  const names = ['IP:127.0.0.1', 'DNS:localhost', ...(options.serverNames ?? []).map((name) => `DNS:${name}`)];
  const issue = (name: string, subject: string, extensions: string) => {
    writeFileSync(path.join(dir, `${name}.ext`), extensions);
    openssl(dir, 'req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${subject}`);
    openssl(dir, 'x509', '-req', '-in', `${name}.csr`, '-CA', 'test-ca.crt', '-CAkey', 'test-ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '2', '-extfile', `${name}.ext`);
  };
  issue('server', options.serverNames?.[0] ?? '127.0.0.1', `subjectAltName=${names.join(',')}\nextendedKeyUsage=serverAuth,clientAuth\n`);
  issue('client', options.clientName ?? 'shipyard-client', 'extendedKeyUsage=clientAuth\n');
  const files = {
    ca: path.join(dir, 'test-ca.crt'),
    serverCert: path.join(dir, 'server.crt'),
    serverKey: path.join(dir, 'server.key'),
    clientCert: path.join(dir, 'client.crt'),
    clientKey: path.join(dir, 'client.key'),
    otherCa: path.join(dir, 'other-ca.crt'),
  };
  return {
    dir,
    files,
    read: (file) => readFileSync(files[file], 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
