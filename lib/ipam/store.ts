// The IPAM library's store: the etcd boundary's bounded store (lib/etcd/store.ts), failing with
// the library's own StoreUnavailableError so that callers (the plugin server, the CLI, the
// console) branch on IPAM codes. Everything else about etcd lives behind that boundary.
import { EtcdStore, type StoreOptions } from '../etcd/store';
import { StoreUnavailableError } from './errors';

export { DEFAULT_CALL_TIMEOUT_MS } from '../etcd/store';
export type { Entry, Guard, LeaseHandle, TxnResult, TxnSpec, WatchChange, Write } from '../etcd/store';

export type IpamStoreOptions = Omit<StoreOptions, 'unavailableError'>;

const ipamUnavailable = (message: string) => new StoreUnavailableError(message);

export class Store extends EtcdStore {
  constructor(options: IpamStoreOptions) {
    super({ ...options, unavailableError: ipamUnavailable });
  }
}

/** The IPAM pools under `prefix`, on the connection of an existing store (the console's one client). */
export function ipamStoreWithin(etcd: EtcdStore, prefix: string): Store {
  return etcd.within(prefix, ipamUnavailable);
}
