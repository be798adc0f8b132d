// An IPAM driver Docker cannot find: the managed plugin is not installed (or not enabled) on a
// host. Docker says "plugin "x" not found" (local scope) or "error during lookup of plugin x"
// (swarm scope, after 15 s of retries); the console says what to do instead.
import { AppError, ValidationError } from '@/lib/errors/app-error';

export class IpamPluginMissingError extends ValidationError {
  static override readonly brand: string = 'IpamPluginMissingError';
  constructor(driver: string, detail: string) {
    const message =
      `The IPAM driver ${driver} is not installed${detail}: the managed plugin must be installed and enabled on every host ` +
      `(docker plugin install --grant-all-permissions --alias ${driver.replace(/:latest$/, '')} <registry>/shipyard-ipam:<tag>, on each host; see docs/managed-plugin.md), then create the network again`;
    super(`ipamDriver: ${message}`, [{ path: 'ipamDriver', message }]);
  }
}

const PLUGIN_NOT_FOUND = /plugin "?([^"\s]+)"? not found|error during lookup of plugin ([^\s"]+)/i;

/**
 * Docker looks for a missing IPAM plugin for about 15 s before it says so, past the client's 10 s:
 * a create that timed out says that this may be why, not only that the engine is unreachable.
 */
export class IpamDriverNotAnsweringError extends AppError {
  static override readonly brand: string = 'IpamDriverNotAnsweringError';
  constructor(driver: string, cause: unknown) {
    const message =
      `Docker did not answer within 10 s while creating the network: either the engine is unreachable, or it is still looking for the IPAM driver ${driver} ` +
      `(not installed on that host, or its plugin or sidecar is not running): check docker plugin ls and the sidecar there`;
    super('DOCKER_UNAVAILABLE', message, { cause, fields: [{ path: 'ipamDriver', message }] });
  }
}

/** Docker's "plugin not found" for `driver` as IpamPluginMissingError; anything else unchanged. */
export function translateIpamPluginError(error: unknown, driver: string): unknown {
  if (!(error instanceof AppError) || error instanceof IpamPluginMissingError) return error;
  // Only a timeout (the client destroys the request: "socket hang up", ECONNRESET): a refused
  // connection or a missing socket is an unreachable engine, and says so already.
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const timedOut = error.code === 'DOCKER_UNAVAILABLE' && cause !== undefined && (/timeout|socket hang up/i.test(cause.message) || ('code' in cause && cause.code === 'ECONNRESET'));
  if (timedOut) return new IpamDriverNotAnsweringError(driver, error);
  const match = PLUGIN_NOT_FOUND.exec(error.message);
  const named = match?.[1] ?? match?.[2];
  if (!named || named.replace(/:latest$/, '') !== driver.replace(/:latest$/, '')) return error;
  return new IpamPluginMissingError(driver, '');
}

/** One entry of the engine's managed plugins: its name ("shipyard-ipam:latest") and whether it is enabled. */
export interface ManagedPluginEntry {
  readonly name: string;
  readonly enabled: boolean;
}

/**
 * Refuses, before the manager is asked, when its engine has no enabled plugin named `driver`:
 * the swarm's own answer takes 15 s and says only "error during lookup of plugin".
 */
export function checkIpamPluginPresent(plugins: readonly ManagedPluginEntry[], driver: string): void {
  const wanted = driver.includes(':') ? driver : `${driver}:latest`;
  const found = plugins.find((plugin) => plugin.name === wanted || plugin.name === driver);
  if (!found) throw new IpamPluginMissingError(driver, ' on the swarm manager');
  if (!found.enabled) throw new IpamPluginMissingError(driver, ` as an enabled plugin (it is installed but disabled on the manager: docker plugin enable ${driver})`);
}
