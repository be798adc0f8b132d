import { checkEtcdAccess } from '../../lib/etcd/check-access';
import { connectEngine } from '../../lib/ipam/engine';
import { collectGarbage, describeReport } from '../../lib/ipam/gc';
import { createLogger } from '../../lib/plugin/log';
import { startSidecar } from '../../lib/plugin/sidecar';
import { numberFlag, stringFlag } from '../args';
import type { Command } from '../command';
import { DEFAULT_DRIVER, PLUGIN_DIR, dockerFlag, dockerUrlOf, hostIdFlag, hostIdOf } from '../defaults';

export const serverCommand: Command = {
  name: 'server',
  summary: "Run the IPAM driver: answer Docker's remote IPAM calls on a unix socket until SIGTERM/SIGINT.",
  flags: {
    socket: { type: 'string', description: 'unix socket to listen on', default: `${PLUGIN_DIR}/<driver>.sock` },
    driver: { type: 'string', description: 'driver name (docker network create --ipam-driver NAME)', default: DEFAULT_DRIVER },
    'host-id': hostIdFlag,
    docker: dockerFlag,
    'gc-interval': { type: 'string', description: 'seconds between gc runs for this host, 0 to disable', default: '300' },
    'gc-grace': { type: 'string', description: 'seconds an allocation is kept before gc may free it', default: '600' },
  },
  async run({ values, globals, env, out, err }) {
    const driver = stringFlag(values, 'driver') ?? DEFAULT_DRIVER;
    const socketPath = stringFlag(values, 'socket') ?? `${PLUGIN_DIR}/${driver}.sock`;
    const hostId = hostIdOf(stringFlag(values, 'host-id'), env);
    const docker = dockerUrlOf(stringFlag(values, 'docker'), env);
    const intervalMs = numberFlag(values, 'gc-interval', 300) * 1000;
    const graceMs = numberFlag(values, 'gc-grace', 600) * 1000;
    const log = createLogger(globals.debug);
    const engine = connectEngine(docker);
    const sidecar = await startSidecar({
      endpoints: globals.endpoints,
      credentials: globals.credentials,
      prefix: globals.prefix,
      socketPath,
      hostId,
      docker,
      engine,
      log,
      ...(intervalMs > 0
        ? {
            gc: {
              intervalMs,
              run: async (store) => describeReport(await collectGarbage(store, { hostId, engine, graceMs, freeGoneHosts: false })),
            },
          }
        : {}),
    });
    out(`shipyard-ipam ${driver} serving on ${socketPath}`);
    // Docker's calls would fail one by one with "etcd unavailable": say once, now, what is wrong.
    const access = await checkEtcdAccess(sidecar.store, 'IPAM_ETCD');
    if (!access.ok) err(`shipyard-ipam: etcd ${access.refused ? 'REFUSED' : 'DOWN'}: ${access.line}; serving anyway, every call fails until this is fixed`);
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        log.info(`${signal}: shutting down`);
        resolve();
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
    await sidecar.stop();
    return 0;
  },
};
