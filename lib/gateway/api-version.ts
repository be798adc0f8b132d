import { GatewayRefusal } from './refusal';

/**
 * The API versions the gateway accepts in a path, and the one it forwards. Below 1.24 the engine
 * applies old behaviour the checks do not model (a HostConfig body on /containers/{id}/start,
 * and more); below 1.41 it defaults a container's cgroup namespace to the host's on cgroup v1.
 * Every call is forwarded as /v1.41/…, whatever version (or none) the caller sent, so the engine
 * always reads the request the way the checks did. The docker CLI negotiates 1.41 through /_ping.
 */
export const OLDEST_API_VERSION = '1.24';
export const PINNED_API_VERSION = '1.41';

function versionParts(version: string): [number, number] | null {
  const parts = /^(\d{1,4})\.(\d{1,4})$/.exec(version);
  return parts ? [Number(parts[1]), Number(parts[2])] : null;
}

function compareVersions(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** Refuses (400, with the reason) a version the gateway does not forward; null (none sent) is fine. */
export function assertSupportedVersion(version: string | null): void {
  if (version === null) return;
  const parts = versionParts(version);
  const oldest = versionParts(OLDEST_API_VERSION) ?? [1, 24];
  const newest = versionParts(PINNED_API_VERSION) ?? [1, 41];
  if (!parts) throw new GatewayRefusal(400, `The API version ${version} in the path is not a version: send /v${PINNED_API_VERSION}/…`);
  if (compareVersions(parts, oldest) < 0) {
    throw new GatewayRefusal(
      400,
      `Shipyard's gateway does not forward API version ${version}: below ${OLDEST_API_VERSION} the engine applies old behaviour (such as a HostConfig body on container start) that Shipyard does not check. Use ${OLDEST_API_VERSION} to ${PINNED_API_VERSION}`,
    );
  }
  if (compareVersions(parts, newest) > 0) {
    throw new GatewayRefusal(400, `client version ${version} is too new. Maximum supported API version is ${PINNED_API_VERSION}`);
  }
}
