// The docker CLI against the stack's private engine (never the system's socket).
import { execFile } from 'node:child_process';
import { request } from 'node:http';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function docker(...args: string[]): Promise<CliResult> {
  const host = process.env.SHIPYARD_DOCKER;
  if (!host) throw new Error('SHIPYARD_DOCKER is not set: source .state/env (scripts/stack up)');
  return new Promise((resolve) => {
    execFile('docker', ['-H', host, ...args], { timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: stdout.trim(), stderr: stderr.trim() });
    });
  });
}

export async function dockerOk(...args: string[]): Promise<string> {
  const result = await docker(...args);
  if (result.code !== 0) throw new Error(`docker ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return result.stdout;
}

/**
 * Creates (not starts) a container with a MAC of its own through the engine API: the docker CLI of
 * this machine refuses --mac-address with --network against API 1.41.
 */
export function createWithMac(name: string, network: string, mac: string): Promise<void> {
  const host = process.env.SHIPYARD_DOCKER ?? '';
  if (!host.startsWith('unix://')) throw new Error('SHIPYARD_DOCKER must be a unix:// socket: source .state/env');
  const body = JSON.stringify({ Image: testImage(), Cmd: ['sleep', '600'], MacAddress: mac, HostConfig: { NetworkMode: network } });
  return new Promise((resolve, reject) => {
    const call = request(
      { socketPath: host.slice('unix://'.length), path: `/v1.41/containers/create?name=${encodeURIComponent(name)}`, method: 'POST', headers: { 'Content-Type': 'application/json' } },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => (response.statusCode === 201 ? resolve() : reject(new Error(`create ${name}: ${response.statusCode ?? 0} ${text}`))));
      },
    );
    call.on('error', reject);
    call.end(body);
  });
}

export function testImage(): string {
  return process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
}

/** The seed's flat network options (ENVIRONMENT.md step 5), with the test's own bridge name. */
export function seedNetworkArgs(o: {
  driver: string;
  bridge: string;
  subnet: string;
  gateway: string;
  router: string;
  name: string;
  /** --ipam-opt KEY=VALUE, e.g. sticky=false */
  ipamOptions?: string[];
}): string[] {
  return [
    'network', 'create',
    '--opt=com.docker.network.bridge.enable_icc=true',
    '--opt=com.docker.network.bridge.enable_ip_masquerade=false',
    '--opt=com.docker.network.bridge.host_binding_ipv4=0.0.0.0',
    `--opt=com.docker.network.bridge.name=${o.bridge}`,
    '--opt=com.docker.network.driver.mtu=1500',
    `--ipam-driver=${o.driver}`,
    `--subnet=${o.subnet}`,
    `--gateway=${o.gateway}`,
    `--aux-address=DefaultGatewayIPv4=${o.router}`,
    ...(o.ipamOptions ?? []).map((option) => `--ipam-opt=${option}`),
    o.name,
  ];
}
