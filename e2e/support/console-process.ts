import { spawn, type ChildProcess } from 'node:child_process';

export interface ConsoleProcess {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** A second console on its own port with its own environment, for tests of failure modes. */
export async function startConsole(port: number, env: Record<string, string>): Promise<ConsoleProcess> {
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/serve.ts'], {
    env: { ...process.env, SHIPYARD_LISTEN: `127.0.0.1:${port}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the console exited with ${child.exitCode}:\n${output}`);
    try {
      await fetch(`${url}/login`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`the console did not start in 60 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
