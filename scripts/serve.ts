/**
 * Starts the console: checks the configuration (one message per wrong value, exit code 2),
 * reports which services answer, then runs `next start` on SHIPYARD_LISTEN.
 * The console starts even when Docker, etcd or the database is down: it says which and how to fix it.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadConfig } from '../lib/config/config';
import { exitOnBadConfiguration } from '../lib/config/exit-on-bad-configuration';
import { startDockerGateway } from '../lib/gateway/start-gateway';
import { startupReport } from '../lib/health/startup-report';

const root = path.resolve(__dirname, '..');

async function main(): Promise<void> {
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
  if (gateway) console.log(`shipyard: Docker API gateway on ${gateway.address} → ${config.docker.url} (docker -H tcp://${gateway.address})`);

  const nextBin = createRequire(__filename).resolve('next/dist/bin/next');
  const child = spawn(process.execPath, [nextBin, 'start', '-H', config.listen.host, '-p', String(config.listen.port)], {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

void main();
