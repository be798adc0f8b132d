import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the gateway outside Next', () => {
  // scripts/serve.ts runs under tsx, where `server-only` throws: nothing the gateway imports may use it.
  it('loads in a plain tsx process, as scripts/serve.ts loads it', async () => {
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', '-e', "import('./lib/gateway/start-gateway.ts').then((m) => console.log(typeof (m.startDockerGateway ?? m.default?.startDockerGateway)))"],
        { cwd: root, timeout: 60_000 },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout.trim())),
      );
    });
    expect(output).toBe('function');
  }, 60_000);
});
