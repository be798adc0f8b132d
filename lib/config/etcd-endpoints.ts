/** Parses a comma-separated list of etcd client URLs (IPAM_CLUSTER_STORE's format). */
export function parseEtcdEndpoints(value: string): string[] | string {
  const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  if (entries.length === 0) return 'give at least one etcd URL, e.g. http://127.0.0.1:2379';
  for (const entry of entries) {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      return `"${entry}" is not a URL: write http://host:2379`;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return `"${entry}" must start with http:// or https://`;
    if (url.port === '' && !/:\d+\/?$/.test(entry)) return `"${entry}" needs a port, e.g. http://${url.hostname}:2379`;
  }
  return entries;
}
