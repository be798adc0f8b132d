import { Etcd3 } from 'etcd3';

/** Every etcd call from the console is bounded: a dead cluster must not hang a page. */
export const ETCD_CALL_TIMEOUT_MS = 3_000;

export function createEtcdClient(endpoints: string[]): Etcd3 {
  return new Etcd3({ hosts: endpoints, dialTimeout: ETCD_CALL_TIMEOUT_MS, defaultCallOptions: () => ({ deadline: new Date(Date.now() + ETCD_CALL_TIMEOUT_MS) }) });
}
