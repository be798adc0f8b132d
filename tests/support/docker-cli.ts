// The real docker CLI for tests, pointed at one daemon (`-H …`, and a config folder for the
// gateway's token header), never at the machine's own: DOCKER_HOST and DOCKER_CONTEXT are cleared.
import { spawn } from 'node:child_process';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `docker <target> <args>`, with `input` on its stdin; killed after `timeoutMs`. */
export function runDockerCli(target: readonly string[], args: readonly string[], options: { input?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', [...target, ...args], { env: { ...process.env, DOCKER_HOST: '', DOCKER_CONTEXT: '' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** The CLI's flags for the gateway at `address` with the config folder holding a token header. */
export const throughGateway = (address: string, configDir: string) => ['-H', `tcp://${address}`, '--config', configDir];
