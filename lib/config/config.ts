import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { parseDatabaseCredentials, type DatabaseCredentials } from './database-credentials';
import { parseDatabaseServers, type DatabaseServer } from './database-servers';
import { parseDockerEndpoint, type DockerEndpoint } from './docker-endpoint';
import { parseEngineDiscovery, type EngineDiscovery } from './engine-discovery';
import { flatNetworkFrom, flatNetworkProblem, parseMoreEngines } from './engine-list';
import { hasEtcdCredentialSettings, parseEtcdCredentials, type EtcdCredentials } from './etcd-credentials';
import { parseEtcdEndpoints } from './etcd-endpoints';
import { parseFlannelPrefix } from './flannel-prefix';
import { parseLdapSettings, type LdapSettings } from './ldap-settings';
import { parseListenAddress, type ListenAddress } from './listen-address';
import { parsePlacementStrategy } from './placement-strategy';
import { parsePublicUrl } from './public-url';
import type { PlacementStrategy } from '@/lib/placement/strategy';
import { parseTrustProxy } from './trust-proxy';

export interface ShipyardConfig {
  listen: ListenAddress;
  /** credentials: SHIPYARD_DATABASE_USER, SHIPYARD_DATABASE_PASSWORD(_FILE), SHIPYARD_DATABASE_CA. */
  database: { servers: DatabaseServer[]; raw: string; name: string; credentials: DatabaseCredentials };
  docker: DockerEndpoint;
  /** Every configured engine, the manager (SHIPYARD_DOCKER) first, then SHIPYARD_ENGINES and SHIPYARD_LAB_DOCKERS. */
  engines: DockerEndpoint[];
  /** The TLS variables (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH) for the engines discovery finds. */
  engineTls: { DOCKER_TLS_VERIFY?: string; DOCKER_CERT_PATH?: string };
  /** The network new containers join by default (SHIPYARD_FLAT_NETWORK, else the lab's); null: Docker's bridge. */
  flatNetwork: string | null;
  /** More engines from the swarm's nodes (SHIPYARD_ENGINE_DISCOVERY, SHIPYARD_ENGINE_PORT). */
  engineDiscovery: EngineDiscovery;
  /** credentials: SHIPYARD_ETCD_CA/CERT/KEY/USERNAME/PASSWORD(_FILE), else the sidecar's IPAM_ETCD_*. */
  etcd: { endpoints: string[]; credentials: EtcdCredentials; variables: 'SHIPYARD_ETCD' | 'IPAM_ETCD' };
  /** etcd key prefix of the IPAM sidecar's pools (its --prefix / IPAM_ETCD_PREFIX). */
  ipamPrefix: string;
  /** The IPAM driver of swarm-scoped flat networks: the managed plugin's name or alias (SHIPYARD_SWARM_IPAM_DRIVER). */
  swarmIpamDriver: string;
  /** Where Flannel keeps its keys in the same etcd (SHIPYARD_FLANNEL_PREFIX), with a trailing slash. */
  flannelPrefix: string;
  authSecret: string;
  /** The Docker API gateway's listener (SHIPYARD_GATEWAY_LISTEN); null: the gateway is off. */
  gatewayListen: ListenAddress | null;
  /** The folder of the gateway's audit journal (SHIPYARD_AUDIT_JOURNAL; default: shipyard-audit-journal-<database> in the system's temporary folder, see defaultAuditJournal). */
  auditJournal: string;
  /** Proxies in front that append to X-Forwarded-For (SHIPYARD_TRUST_PROXY); 0: the header is ignored. */
  trustProxy: number;
  /** Where users reach the console (SHIPYARD_PUBLIC_URL), an origin; null: from the request. */
  publicUrl: string | null;
  /** How a container created without a host is placed (SHIPYARD_PLACEMENT_STRATEGY): spread or binpack. */
  placementStrategy: PlacementStrategy;
  /** Directory sign-in (SHIPYARD_LDAP_*, docs/ldap.md); null: off, only local accounts sign in. */
  ldap: LdapSettings | null;
}

export type ConfigResult = { ok: true; config: ShipyardConfig } | { ok: false; errors: string[] };

export const DEFAULTS = {
  SHIPYARD_LISTEN: ':8080',
  SHIPYARD_DATABASE: '127.0.0.1:28015',
  SHIPYARD_DOCKER: 'unix:///var/run/docker.sock',
  IPAM_CLUSTER_STORE: 'http://127.0.0.1:2379',
  SHIPYARD_DATABASE_NAME: 'shipyard',
  IPAM_ETCD_PREFIX: '/shipyard/ipam/',
  SHIPYARD_SWARM_IPAM_DRIVER: 'shipyard-ipam:latest',
} as const;

const MIN_SECRET_LENGTH = 32;

/**
 * Reads the console's configuration from the environment. Every wrong value gets its own message
 * naming the variable, so one start shows everything to fix.
 */
export type Environment = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Environment): ConfigResult {
  const errors: string[] = [];
  const value = (name: keyof typeof DEFAULTS) => {
    const given = env[name];
    return given === undefined || given.trim() === '' ? DEFAULTS[name] : given.trim();
  };

  const listen = parseListenAddress(value('SHIPYARD_LISTEN'));
  if (typeof listen === 'string') errors.push(`SHIPYARD_LISTEN: ${listen}`);

  const databaseRaw = value('SHIPYARD_DATABASE');
  const servers = parseDatabaseServers(databaseRaw);
  if (typeof servers === 'string') errors.push(`SHIPYARD_DATABASE: ${servers}`);

  const databaseName = value('SHIPYARD_DATABASE_NAME');
  if (!/^[A-Za-z0-9_]{1,64}$/.test(databaseName)) {
    errors.push(`SHIPYARD_DATABASE_NAME: "${databaseName}" may hold only letters, digits and underscores`);
  }

  const docker = parseDockerEndpoint(value('SHIPYARD_DOCKER'), env);
  if (Array.isArray(docker)) errors.push(...docker.map((message) => `SHIPYARD_DOCKER: ${message}`));

  const moreEngines = parseMoreEngines(env, value('SHIPYARD_DOCKER'));
  const engines = Array.isArray(docker) ? [] : [docker];
  for (const entry of moreEngines) {
    if (typeof entry === 'string') errors.push(entry);
    else engines.push(entry);
  }

  const flatNetwork = flatNetworkFrom(env);
  const flatNetworkError = flatNetworkProblem(flatNetwork);
  if (flatNetworkError) errors.push(`${env.SHIPYARD_FLAT_NETWORK?.trim() ? 'SHIPYARD_FLAT_NETWORK' : 'SHIPYARD_LAB_NETWORK'}: ${flatNetworkError}`);

  const engineDiscovery = parseEngineDiscovery(env);
  if (Array.isArray(engineDiscovery)) errors.push(...engineDiscovery);

  // SHIPYARD_ETCD defaults to the IPAM sidecar's own setting, so both read the same pools.
  const etcdName = env.SHIPYARD_ETCD?.trim() ? 'SHIPYARD_ETCD' : 'IPAM_CLUSTER_STORE';
  const etcd = parseEtcdEndpoints(env.SHIPYARD_ETCD?.trim() || value('IPAM_CLUSTER_STORE'));
  if (typeof etcd === 'string') errors.push(`${etcdName}: ${etcd}`);

  // The console's own settings, else the sidecar's: one secured etcd is usually shared by both.
  const etcdCredentialPrefix = hasEtcdCredentialSettings(env, 'SHIPYARD_ETCD') || !hasEtcdCredentialSettings(env, 'IPAM_ETCD') ? 'SHIPYARD_ETCD' : 'IPAM_ETCD';
  const etcdCredentials = parseEtcdCredentials(env, etcdCredentialPrefix, typeof etcd === 'string' ? null : etcd);
  errors.push(...etcdCredentials.problems);

  const databaseCredentials = parseDatabaseCredentials(env);
  errors.push(...databaseCredentials.problems);

  const ipamPrefix = value('IPAM_ETCD_PREFIX');
  if (!ipamPrefix.startsWith('/')) errors.push(`IPAM_ETCD_PREFIX: "${ipamPrefix}" must start with /, e.g. /shipyard/ipam/ (the sidecar's --prefix)`);

  const swarmIpamDriver = value('SHIPYARD_SWARM_IPAM_DRIVER');
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_./:-]{0,127}$/.test(swarmIpamDriver)) {
    errors.push(`SHIPYARD_SWARM_IPAM_DRIVER: "${swarmIpamDriver}" is not a plugin name; give the managed IPAM plugin's name or alias, e.g. shipyard-ipam`);
  }

  const flannel = parseFlannelPrefix(env.SHIPYARD_FLANNEL_PREFIX);
  if (!flannel.ok) errors.push(`SHIPYARD_FLANNEL_PREFIX: ${flannel.problem}`);

  const authSecret = env.AUTH_SECRET ?? '';
  if (authSecret.length < MIN_SECRET_LENGTH) {
    errors.push(
      authSecret === ''
        ? 'AUTH_SECRET: not set; it signs the session cookies. Generate one with: openssl rand -base64 33'
        : `AUTH_SECRET: too short (${authSecret.length} characters); use at least ${MIN_SECRET_LENGTH}, e.g. openssl rand -base64 33`,
    );
  }

  // Off unless asked for: the gateway hands out the cluster's Docker API, if only to token holders.
  const gatewayRaw = env.SHIPYARD_GATEWAY_LISTEN?.trim() ?? '';
  let gatewayListen: ListenAddress | null = null;
  if (gatewayRaw !== '') {
    const parsed = parseListenAddress(gatewayRaw);
    if (typeof parsed === 'string') errors.push(`SHIPYARD_GATEWAY_LISTEN: ${parsed}`);
    else if (typeof listen !== 'string' && parsed.port === listen.port && (parsed.host === listen.host || parsed.host === '0.0.0.0' || listen.host === '0.0.0.0')) {
      errors.push(`SHIPYARD_GATEWAY_LISTEN: port ${parsed.port} is the console's own (SHIPYARD_LISTEN): give the Docker gateway another port, e.g. :2375`);
    } else gatewayListen = parsed;
  }

  // Each gateway call's audit record is written here first, then to the database (lib/audit/audit-journal.ts).
  // The default folder is one per database: a journal replays what it finds into its own database,
  // so consoles of two databases on one machine must not share one.
  const auditJournal = env.SHIPYARD_AUDIT_JOURNAL?.trim() || defaultAuditJournal(databaseRaw, databaseName);
  if (!isAbsolute(auditJournal)) errors.push(`SHIPYARD_AUDIT_JOURNAL: "${auditJournal}" is not an absolute path: name a folder, e.g. /var/lib/shipyard/audit-journal`);

  const trustProxy = parseTrustProxy(env.SHIPYARD_TRUST_PROXY);
  if (typeof trustProxy === 'string') errors.push(`SHIPYARD_TRUST_PROXY: ${trustProxy}`);

  const publicUrl = parsePublicUrl(env.SHIPYARD_PUBLIC_URL);
  if (publicUrl !== null && typeof publicUrl === 'object') errors.push(`SHIPYARD_PUBLIC_URL: ${publicUrl.problem}`);

  const placementStrategy = parsePlacementStrategy(env.SHIPYARD_PLACEMENT_STRATEGY);
  if (typeof placementStrategy === 'object') errors.push(`SHIPYARD_PLACEMENT_STRATEGY: ${placementStrategy.problem}`);

  const ldap = parseLdapSettings(env);
  errors.push(...ldap.problems);

  if (errors.length > 0 || typeof placementStrategy === 'object' || typeof trustProxy === 'string' || typeof listen === 'string' || typeof servers === 'string' || Array.isArray(docker) || Array.isArray(engineDiscovery) || typeof etcd === 'string' || !flannel.ok || (publicUrl !== null && typeof publicUrl === 'object')) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    config: {
      listen,
      database: { servers, raw: databaseRaw, name: databaseName, credentials: databaseCredentials.credentials },
      docker,
      engines,
      engineTls: { DOCKER_TLS_VERIFY: env.DOCKER_TLS_VERIFY, DOCKER_CERT_PATH: env.DOCKER_CERT_PATH },
      flatNetwork,
      engineDiscovery,
      etcd: { endpoints: etcd, credentials: etcdCredentials.credentials, variables: etcdCredentialPrefix },
      ipamPrefix,
      swarmIpamDriver,
      flannelPrefix: flannel.prefix,
      authSecret,
      gatewayListen,
      auditJournal,
      trustProxy,
      publicUrl,
      placementStrategy,
      ldap: ldap.settings,
    },
  };
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Shipyard cannot start; fix its configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

let cached: ShipyardConfig | undefined;

/** The process's configuration; throws ConfigurationError listing every wrong value. */
export function getConfig(): ShipyardConfig {
  if (cached) return cached;
  const result = loadConfig(process.env);
  if (!result.ok) throw new ConfigurationError(result.errors);
  cached = result.config;
  return cached;
}

/** shipyard-audit-journal-<12 hex of the database's address and name> in the temporary folder. */
export function defaultAuditJournal(databaseAddress: string, databaseName: string): string {
  const database = createHash('sha256').update(`${databaseAddress.trim()}/${databaseName}`).digest('hex').slice(0, 12);
  return join(tmpdir(), `shipyard-audit-journal-${database}`);
}
