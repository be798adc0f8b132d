// Opens the etcd store the global flags point at, and always closes it.
import { Store } from '../lib/ipam/store';
import type { GlobalFlags } from './args';

export async function withStore<T>(globals: GlobalFlags, use: (store: Store) => Promise<T>): Promise<T> {
  const store = new Store({ endpoints: globals.endpoints, credentials: globals.credentials, prefix: globals.prefix });
  try {
    return await use(store);
  } finally {
    store.close();
  }
}
