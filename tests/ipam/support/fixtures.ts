// Unique names per test run so tests never see each other's (or the demo's) data.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '@/lib/ipam/store';

export function uniqueId(): string {
  return randomBytes(4).toString('hex');
}

export function testPrefix(): string {
  return `/shipyard-test/${uniqueId()}/`;
}

export function etcdEndpoints(): string[] {
  return (process.env.IPAM_CLUSTER_STORE ?? process.env.SHIPYARD_ETCD ?? 'http://127.0.0.1:2379').split(',');
}

export function testStore(prefix: string, endpoints = etcdEndpoints()): Store {
  return new Store({ endpoints, prefix });
}

/** A directory for sockets the test's own instances listen on (short path: sockets max 107 bytes). */
export function socketDir(): string {
  return mkdtempSync(join(tmpdir(), 'syipam-'));
}

/** Where the private dockerd looks for plugins. */
export function pluginDir(): string {
  const dir = process.env.IPAM_PLUGIN_DIR;
  if (!dir) throw new Error('IPAM_PLUGIN_DIR is not set: source .state/env (scripts/stack up)');
  return dir;
}
