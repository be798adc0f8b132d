import 'server-only';
import { getServices } from '@/lib/server/services';
import { flannelPrefixFrom } from './prefix';
import { readFlannel } from './read-flannel';
import type { FlannelView } from './types';

/** Flannel's keys in the console's etcd, under SHIPYARD_FLANNEL_PREFIX. */
export function readConsoleFlannel(): Promise<FlannelView> {
  return readFlannel(getServices().etcd, flannelPrefixFrom(process.env));
}
