// Defaults shared by the commands that need a host identity or a Docker engine.
import { hostname } from 'node:os';
import { DEFAULT_DOCKER_URL } from '../lib/ipam/engine';

export const DEFAULT_DRIVER = 'talkingdata';
export const PLUGIN_DIR = '/run/docker/plugins';

export function dockerUrlOf(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return flag ?? env.SHIPYARD_DOCKER ?? DEFAULT_DOCKER_URL;
}

/** --host-id, else IPAM_HOST_ID (the managed plugin's setting), else the hostname. */
export function hostIdOf(flag: string | undefined, env: Readonly<Record<string, string | undefined>> = process.env): string {
  return flag ?? (env.IPAM_HOST_ID?.trim() || hostname());
}

export const hostIdFlag = { type: 'string', description: 'this host\'s id in etcd (env IPAM_HOST_ID)', default: 'the hostname' } as const;
export const dockerFlag = { type: 'string', description: 'Docker engine URL (env SHIPYARD_DOCKER)', default: DEFAULT_DOCKER_URL } as const;
