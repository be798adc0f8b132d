// A network's driver options in words: the settings an operator checks on the detail page
// (ICC, masquerade, MTU, bridge name, macvlan parent), with Docker's defaults where unset.

export interface NetworkSettingsView {
  /** Containers on the network may talk to each other (bridge: com.docker.network.bridge.enable_icc, default true). */
  readonly icc: boolean | null;
  /** Outgoing traffic is NATed to the host's address (enable_ip_masquerade, default true). */
  readonly masquerade: boolean | null;
  /** null: the driver's default (the host interface's, usually 1500). */
  readonly mtu: number | null;
  readonly bridgeName: string | null;
  readonly hostBinding: string | null;
  /** macvlan/ipvlan: the host interface the network sits on. */
  readonly parent: string | null;
}

const flag = (value: string | undefined, fallback: boolean): boolean => (value === undefined ? fallback : value === 'true');

export function networkSettings(driver: string, options: Readonly<Record<string, string>>): NetworkSettingsView {
  const bridge = driver === 'bridge';
  const mtu = Number(options['com.docker.network.driver.mtu']);
  return {
    icc: bridge ? flag(options['com.docker.network.bridge.enable_icc'], true) : null,
    masquerade: bridge ? flag(options['com.docker.network.bridge.enable_ip_masquerade'], true) : null,
    mtu: Number.isInteger(mtu) && mtu > 0 ? mtu : null,
    bridgeName: bridge ? (options['com.docker.network.bridge.name'] ?? null) : null,
    hostBinding: bridge ? (options['com.docker.network.bridge.host_binding_ipv4'] ?? null) : null,
    parent: options.parent ?? null,
  };
}
