import 'server-only';
import { getServices } from '@/lib/server/services';
import { flannelEventStream } from './flannel-feed';
import { readFlannel } from './read-flannel';
import type { FlannelView } from './types';

/** Flannel's keys in the console's etcd, under SHIPYARD_FLANNEL_PREFIX. */
export function readConsoleFlannel(): Promise<FlannelView> {
  const { etcd, config } = getServices();
  return readFlannel(etcd, config.flannelPrefix);
}

/** The same, followed live (server-sent events) until `signal` aborts. */
export function consoleFlannelEvents(signal: AbortSignal): ReadableStream<Uint8Array> {
  const { etcd, config } = getServices();
  return flannelEventStream({ etcd, prefix: config.flannelPrefix, signal });
}
