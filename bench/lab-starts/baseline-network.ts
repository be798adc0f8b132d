// The fair baseline: on every lab host, a user-defined bridge with the flat network's options and
// Docker's own (default) IPAM. Each host is its own namespace, so the same subnet fits on all.
import { type LabHost, docker } from './lab-hosts';

export const BASELINE_NETWORK = 'lab-starts-default-ipam';

export async function createBaselineNetwork(hosts: readonly LabHost[]): Promise<void> {
  await removeBaselineNetwork(hosts);
  await Promise.all(
    hosts.map((host) =>
      docker(host, [
        'network', 'create',
        '--opt=com.docker.network.bridge.enable_icc=true',
        '--opt=com.docker.network.bridge.enable_ip_masquerade=false',
        '--opt=com.docker.network.bridge.host_binding_ipv4=0.0.0.0',
        '--opt=com.docker.network.bridge.name=lsbase0',
        '--opt=com.docker.network.driver.mtu=1500',
        '--subnet=172.29.0.0/24', '--gateway=172.29.0.1',
        BASELINE_NETWORK,
      ]),
    ),
  );
}

export async function removeBaselineNetwork(hosts: readonly LabHost[]): Promise<void> {
  await Promise.all(hosts.map((host) => docker(host, ['network', 'rm', BASELINE_NETWORK]).catch(() => undefined)));
}
