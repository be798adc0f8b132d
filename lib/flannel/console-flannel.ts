import 'server-only';
import { getServices } from '@/lib/server/services';
import { flannelEventStream } from './flannel-feed';
import { flannelPrefixFrom } from './prefix';
import { readFlannel } from './read-flannel';
import type { FlannelView } from './types';

/** Flannel's keys in the console's etcd, under SHIPYARD_FLANNEL_PREFIX. */
export function readConsoleFlannel(): Promise<FlannelView> {
  return readFlannel(getServices().etcd, flannelPrefixFrom(process.env));
}

/** The same, followed live (server-sent events) until `signal` aborts. */
export function consoleFlannelEvents(signal: AbortSignal): ReadableStream<Uint8Array> {
  return flannelEventStream({ etcd: getServices().etcd, prefix: flannelPrefixFrom(process.env), signal });
}
