// The Docker API gateway alone, as scripts/serve.ts starts it, for bench:gateway: a process of its
// own (its memory measured apart from the benchmark's), from the checkout the benchmark names
// (BENCH_GATEWAY_ROOT: this one, or an export of an older commit for the "before" figures).
import '../../lib/server/outside-next';
import { loadConfig } from '../../lib/config/config';
import { startDockerGateway } from '../../lib/gateway/start-gateway';

async function main(): Promise<void> {
  const result = loadConfig(process.env);
  if (!result.ok) throw new Error(result.errors.join('; '));
  const gateway = await startDockerGateway(result.config);
  if (!gateway) throw new Error('SHIPYARD_GATEWAY_LISTEN is not set');
  console.log(`gateway on ${gateway.address}`);
  const stop = () => void gateway.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
