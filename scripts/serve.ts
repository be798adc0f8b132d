/**
 * Starts the console: checks the configuration (one message per wrong value, exit code 2),
 * reports which services answer, then serves Next's production build and the console's
 * WebSockets on SHIPYARD_LISTEN, in this one process (lib/server/console-server.ts).
 * The console starts even when Docker, etcd or the database is down: it says which and how to fix it.
 */
import '../lib/server/outside-next'; // first: lets lib modules that import 'server-only' load here
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError, loadConfig } from '../lib/config/config';
import { exitOnBadConfiguration } from '../lib/config/exit-on-bad-configuration';
import { startDockerGateway } from '../lib/gateway/start-gateway';
import { applySecretFiles } from '../lib/config/secret-files';
import { startupReport } from '../lib/health/startup-report';
import type { Listener } from '../lib/server/listener';

const root = path.resolve(__dirname, '..');

/** Closes every listener, then exits; a second signal, or 10 s, exits at once. */
function stopOnSignals(listeners: Listener[]): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      setTimeout(() => process.exit(1), 10_000).unref();
      void Promise.allSettled(listeners.map((listener) => listener.close())).then(() => process.exit(0));
    });
  }
}

async function main(): Promise<void> {
  // AUTH_SECRET_FILE and the like (swarm secrets) first: everything after reads the settings.
  const secretProblems = applySecretFiles(process.env);
  if (secretProblems.length > 0) {
    console.error(new ConfigurationError(secretProblems).message);
    process.exit(2);
  }
  exitOnBadConfiguration();
  const result = loadConfig(process.env);
  if (!result.ok) return;
  const { config } = result;
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    console.error('shipyard: no production build found: run `npm run build` first (the demo command does it for you)');
    process.exit(2);
  }
  for (const line of await startupReport(config)) console.log(line);
  const gateway = await startDockerGateway(config).catch((error: unknown) => {
    console.error(`shipyard: the Docker API gateway cannot listen on SHIPYARD_GATEWAY_LISTEN: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  });
  const listeners: Listener[] = [];
  stopOnSignals(listeners);
  if (gateway) {
    console.log(`shipyard: Docker API gateway on ${gateway.address} → ${config.docker.url} (docker -H tcp://${gateway.address})`);
    listeners.push({ name: 'Docker API gateway', url: `tcp://${gateway.address}`, close: () => gateway.close() });
  }

  // Loaded once the configuration is known to be good, so a bad one is reported at once.
  const { startConsoleServer } = await import('../lib/server/console-server');
  listeners.push(await startConsoleServer(config, root));
  for (const listener of listeners) console.log(`shipyard: ${listener.name} listening on ${listener.url}`);
}

main().catch((error: unknown) => {
  console.error('shipyard: could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
