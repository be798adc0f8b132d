import { explainEtcdRefusal } from './explain-refusal';
import type { EtcdStore } from './store';

/** A key nobody writes: reading it is one cheap round trip to etcd. */
const PROBE_KEY = 'shipyard/health-probe';

export type EtcdAccess = { ok: true } | { ok: false; refused: boolean; line: string };

/**
 * One read through the store at start: fine, refused (a certificate or a user etcd will not take,
 * said in one line naming the `variables` to fix) or simply down (the store's own message).
 */
export async function checkEtcdAccess(store: EtcdStore, variables: string): Promise<EtcdAccess> {
  try {
    await store.within('').get(PROBE_KEY);
    return { ok: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const first = store.endpoints[0];
    const tlsReason = first ? await explainEtcdRefusal(first, store.credentials, variables) : null;
    if (tlsReason) return { ok: false, refused: true, line: tlsReason };
    // lib/etcd/store.ts words a wrong user or password this way.
    if (/ refused the user /.test(message)) {
      return { ok: false, refused: true, line: `${message.split(': check')[0] ?? message}: check ${variables}_USERNAME and ${variables}_PASSWORD` };
    }
    return { ok: false, refused: false, line: message };
  }
}
