import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const secret = 'x'.repeat(40);

function errorsFor(env: Record<string, string>): string[] {
  const result = loadConfig({ AUTH_SECRET: secret, ...env });
  return result.ok ? [] : result.errors;
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const result = loadConfig({ AUTH_SECRET: secret });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.listen).toEqual({ host: '0.0.0.0', port: 8080 });
    expect(result.config.database.servers).toEqual([{ host: '127.0.0.1', port: 28015 }]);
    expect(result.config.database.name).toBe('shipyard');
    expect(result.config.docker).toEqual({ kind: 'unix', url: 'unix:///var/run/docker.sock', socketPath: '/var/run/docker.sock' });
    expect(result.config.etcd.endpoints).toEqual(['http://127.0.0.1:2379']);
    expect(result.config.ipamPrefix).toBe('/shipyard/ipam/');
  });

  it('takes the swarm IPAM driver from SHIPYARD_SWARM_IPAM_DRIVER, default shipyard-ipam, and refuses a non-name', () => {
    const driver = (value?: string) => {
      const result = loadConfig({ AUTH_SECRET: secret, ...(value === undefined ? {} : { SHIPYARD_SWARM_IPAM_DRIVER: value }) });
      return result.ok ? result.config.swarmIpamDriver : result.errors;
    };
    expect(driver()).toBe('shipyard-ipam:latest');
    expect(driver('registry.lab:5000/shipyard-ipam:1.0')).toBe('registry.lab:5000/shipyard-ipam:1.0');
    expect(errorsFor({ SHIPYARD_SWARM_IPAM_DRIVER: 'two words' })).toEqual([expect.stringMatching(/^SHIPYARD_SWARM_IPAM_DRIVER: "two words" is not a plugin name/)]);
  });

  it("reads the sidecar's etcd key prefix and refuses a relative one", () => {
    const result = loadConfig({ AUTH_SECRET: secret, IPAM_ETCD_PREFIX: '/other/ipam/' });
    expect(result.ok && result.config.ipamPrefix).toBe('/other/ipam/');
    expect(errorsFor({ IPAM_ETCD_PREFIX: 'shipyard/ipam' })).toEqual([expect.stringMatching(/^IPAM_ETCD_PREFIX: "shipyard\/ipam" must start with \//)]);
  });

  it('takes the Flannel prefix from SHIPYARD_FLANNEL_PREFIX, default /coreos.com/network/, and refuses a relative one', () => {
    const flannelPrefix = (value?: string) => {
      const result = loadConfig({ AUTH_SECRET: secret, ...(value === undefined ? {} : { SHIPYARD_FLANNEL_PREFIX: value }) });
      return result.ok ? result.config.flannelPrefix : result.errors;
    };
    expect(flannelPrefix()).toBe('/coreos.com/network/');
    expect(flannelPrefix('/mine/net')).toBe('/mine/net/');
    expect(errorsFor({ SHIPYARD_FLANNEL_PREFIX: 'coreos.com' })).toEqual([
      'SHIPYARD_FLANNEL_PREFIX: "coreos.com" must start with /, e.g. /coreos.com/network/ (Flannel\'s --etcd-prefix)',
    ]);
  });

  it('accepts the forms users write', () => {
    const result = loadConfig({
      AUTH_SECRET: secret,
      SHIPYARD_LISTEN: '127.0.0.1:9000',
      SHIPYARD_DATABASE: 'db1:28015, db2',
      SHIPYARD_DOCKER: 'tcp://10.0.0.1:4000',
      IPAM_CLUSTER_STORE: 'http://10.0.0.2:2379,http://10.0.0.3:2379',
    });
    expect(result.ok && result.config).toMatchObject({
      listen: { host: '127.0.0.1', port: 9000 },
      database: { servers: [{ host: 'db1', port: 28015 }, { host: 'db2', port: 28015 }] },
      docker: { kind: 'tcp', host: '10.0.0.1', port: 4000, tls: null },
      etcd: { endpoints: ['http://10.0.0.2:2379', 'http://10.0.0.3:2379'] },
    });
  });

  it('lets SHIPYARD_ETCD override IPAM_CLUSTER_STORE', () => {
    const result = loadConfig({ AUTH_SECRET: secret, IPAM_CLUSTER_STORE: 'http://a:2379', SHIPYARD_ETCD: 'http://b:2379' });
    expect(result.ok && result.config.etcd.endpoints).toEqual(['http://b:2379']);
  });

  it('gives one message per wrong value, naming the variable', () => {
    const errors = loadConfig({
      SHIPYARD_LISTEN: 'eighty',
      SHIPYARD_DATABASE: 'db:99999',
      SHIPYARD_DOCKER: 'http://docker',
      SHIPYARD_ETCD: 'etcd:2379',
    });
    expect(errors.ok).toBe(false);
    if (errors.ok) return;
    expect(errors.errors).toHaveLength(5);
    expect(errors.errors[0]).toMatch(/^SHIPYARD_LISTEN: "eighty" is not an address/);
    expect(errors.errors[1]).toMatch(/^SHIPYARD_DATABASE: "db:99999" has a port out of range/);
    expect(errors.errors[2]).toMatch(/^SHIPYARD_DOCKER: "http:\/\/docker" is not a Docker endpoint/);
    expect(errors.errors[3]).toMatch(/^SHIPYARD_ETCD: "etcd:2379"/);
    expect(errors.errors[4]).toMatch(/^AUTH_SECRET: not set/);
  });

  it('refuses a short AUTH_SECRET and a port out of range', () => {
    expect(errorsFor({ AUTH_SECRET: 'short' })).toEqual([expect.stringMatching(/^AUTH_SECRET: too short \(5 characters\)/)]);
    expect(errorsFor({ SHIPYARD_LISTEN: ':70000' })).toEqual(['SHIPYARD_LISTEN: port 70000 is out of range: use a port from 1 to 65535']);
  });

  it('requires DOCKER_CERT_PATH and its files when DOCKER_TLS_VERIFY is set', () => {
    expect(errorsFor({ SHIPYARD_DOCKER: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1' })).toEqual([
      expect.stringMatching(/also set DOCKER_CERT_PATH/),
    ]);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'certs-'));
    expect(errorsFor({ SHIPYARD_DOCKER: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir })).toHaveLength(3);
    for (const file of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(path.join(dir, file), 'pem');
    const result = loadConfig({ AUTH_SECRET: secret, SHIPYARD_DOCKER: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir });
    expect(result.ok && result.config.docker).toMatchObject({ kind: 'tcp', tls: { caPath: path.join(dir, 'ca.pem') } });
  });

  it('leaves the Docker gateway off unless SHIPYARD_GATEWAY_LISTEN is set, and checks it', () => {
    const off = loadConfig({ AUTH_SECRET: secret });
    expect(off.ok && off.config.gatewayListen).toBeNull();
    const on = loadConfig({ AUTH_SECRET: secret, SHIPYARD_GATEWAY_LISTEN: '127.0.0.1:2375' });
    expect(on.ok && on.config.gatewayListen).toEqual({ host: '127.0.0.1', port: 2375 });
    expect(errorsFor({ SHIPYARD_GATEWAY_LISTEN: 'docker' })).toEqual([expect.stringMatching(/^SHIPYARD_GATEWAY_LISTEN: "docker" is not an address/)]);
    expect(errorsFor({ SHIPYARD_GATEWAY_LISTEN: ':8080' })).toEqual([expect.stringMatching(/^SHIPYARD_GATEWAY_LISTEN: port 8080 is the console's own/)]);
    expect(errorsFor({ SHIPYARD_LISTEN: '127.0.0.1:9000', SHIPYARD_GATEWAY_LISTEN: '127.0.0.2:9000' })).toEqual([]);
  });

  it("keeps the gateway's audit journal in a folder of the database's own by default, or where SHIPYARD_AUDIT_JOURNAL says", () => {
    const journalOf = (env: Record<string, string>) => {
      const result = loadConfig({ AUTH_SECRET: secret, ...env });
      return result.ok ? result.config.auditJournal : result.errors.join('; ');
    };
    const first = journalOf({ SHIPYARD_DATABASE: '10.0.0.1:28015' });
    expect(first).toMatch(new RegExp(`^${os.tmpdir()}/shipyard-audit-journal-[0-9a-f]{12}$`));
    expect(journalOf({ SHIPYARD_DATABASE: '10.0.0.1:28015' })).toBe(first);
    expect(journalOf({ SHIPYARD_DATABASE: '10.0.0.2:28015' })).not.toBe(first);
    expect(journalOf({ SHIPYARD_DATABASE: '10.0.0.1:28015', SHIPYARD_DATABASE_NAME: 'other' })).not.toBe(first);
    expect(journalOf({ SHIPYARD_AUDIT_JOURNAL: '/var/lib/shipyard/journal' })).toBe('/var/lib/shipyard/journal');
    expect(errorsFor({ SHIPYARD_AUDIT_JOURNAL: 'journal' })).toEqual([expect.stringMatching(/^SHIPYARD_AUDIT_JOURNAL: "journal" is not an absolute path/)]);
  });

  it('trusts no proxy unless SHIPYARD_TRUST_PROXY says how many, and names it when it is wrong', () => {
    const off = loadConfig({ AUTH_SECRET: secret });
    expect(off.ok && off.config.trustProxy).toBe(0);
    const one = loadConfig({ AUTH_SECRET: secret, SHIPYARD_TRUST_PROXY: 'true' });
    expect(one.ok && one.config.trustProxy).toBe(1);
    expect(errorsFor({ SHIPYARD_TRUST_PROXY: 'nginx' })).toEqual([expect.stringMatching(/^SHIPYARD_TRUST_PROXY: "nginx" is not a number of proxies/)]);
  });

  it('reads engine discovery: off by default, swarm with a port, one clear message per mistake', () => {
    const off = loadConfig({ AUTH_SECRET: secret });
    expect(off.ok && off.config.engineDiscovery).toEqual({ mode: 'none' });
    const swarm = loadConfig({ AUTH_SECRET: secret, SHIPYARD_ENGINE_DISCOVERY: 'swarm', SHIPYARD_ENGINE_PORT: '2376' });
    expect(swarm.ok && swarm.config.engineDiscovery).toEqual({ mode: 'swarm', port: 2376 });
    expect(errorsFor({ SHIPYARD_ENGINE_DISCOVERY: 'swarm' })).toEqual([expect.stringMatching(/^SHIPYARD_ENGINE_PORT: not set; SHIPYARD_ENGINE_DISCOVERY=swarm needs the port/)]);
    expect(errorsFor({ SHIPYARD_ENGINE_DISCOVERY: 'swarm', SHIPYARD_ENGINE_PORT: '99999' })).toEqual([
      'SHIPYARD_ENGINE_PORT: "99999" is not a port: use a whole number from 1 to 65535, e.g. 2376',
    ]);
    expect(errorsFor({ SHIPYARD_ENGINE_DISCOVERY: 'consul', SHIPYARD_ENGINE_PORT: '2376' })).toEqual([expect.stringMatching(/^SHIPYARD_ENGINE_DISCOVERY: "consul" is not a discovery mode: use swarm/)]);
    expect(errorsFor({ SHIPYARD_ENGINE_PORT: '2376' })).toEqual([expect.stringMatching(/^SHIPYARD_ENGINE_PORT: set, but SHIPYARD_ENGINE_DISCOVERY is not/)]);
    // The discovered engines use the TLS variables too: a missing certificate folder is named.
    expect(errorsFor({ SHIPYARD_ENGINE_DISCOVERY: 'swarm', SHIPYARD_ENGINE_PORT: '2376', DOCKER_TLS_VERIFY: '1' })).toEqual([
      expect.stringMatching(/^SHIPYARD_ENGINE_DISCOVERY: DOCKER_TLS_VERIFY is set: also set DOCKER_CERT_PATH/),
    ]);
  });
});
