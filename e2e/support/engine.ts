import Docker from 'dockerode';

/** The engine version straight from the test stack's dockerd, to compare with what the page shows. */
export async function realEngineVersion(): Promise<string> {
  const endpoint = process.env.SHIPYARD_DOCKER ?? '';
  if (!endpoint.startsWith('unix://')) throw new Error('e2e needs SHIPYARD_DOCKER=unix://… from scripts/stack env');
  const docker = new Docker({ socketPath: endpoint.slice('unix://'.length) });
  const version = await docker.version();
  return version.Version;
}
