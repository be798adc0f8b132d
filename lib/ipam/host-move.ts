// The seed's last step of create-network: move the host's address off its interface and enslave
// the interface to the bridge, which now carries that address as the network's gateway.
import { execFile } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The interface that holds the address now, if any. */
export function interfaceHolding(address: string): string | undefined {
  for (const [name, infos] of Object.entries(networkInterfaces())) {
    if (infos?.some((info) => info.family === 'IPv4' && info.address === address)) return name;
  }
  return undefined;
}

export function hostMoveSteps(addressWithPrefix: string, iface: string, bridge: string): string[][] {
  return [
    ['ip', 'addr', 'del', addressWithPrefix, 'dev', iface],
    ['ip', 'link', 'set', iface, 'master', bridge],
  ];
}

export async function applySteps(steps: readonly string[][]): Promise<void> {
  for (const [command, ...args] of steps) {
    if (!command) continue;
    await run(command, args);
  }
}
