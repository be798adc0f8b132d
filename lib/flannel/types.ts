// Flannel's network and subnet leases in the console's shape (read-only: Flannel owns these keys).

export interface FlannelConfigView {
  /** The overlay's whole range, e.g. 10.5.0.0/16. */
  readonly network: string;
  /** Prefix length of each host's lease (Flannel's default is 24). */
  readonly subnetLen: number;
  readonly backendType: string;
}

export interface FlannelLeaseView {
  /** The host's subnet, e.g. 10.5.34.0/24 (from the key 10.5.34.0-24). */
  readonly subnet: string;
  /** The host that holds it. */
  readonly publicIp: string;
  readonly backendType: string;
  /** The backend's own data in words, e.g. "VNI 1 · VtepMAC 9e:…". */
  readonly backendData: string;
  /** Seconds until the etcd lease ends (Flannel renews it); null when the key has no lease. */
  readonly expiresInSeconds: number | null;
}

export interface FlannelView {
  readonly prefix: string;
  readonly config: FlannelConfigView | null;
  readonly leases: readonly FlannelLeaseView[];
  /** Keys that could not be read as Flannel's, named, so a bad key is not silently dropped. */
  readonly problems: readonly string[];
}
