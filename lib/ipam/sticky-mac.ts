// The identity that keeps a container's address across stop/start (sticky.ts). Docker hands the
// driver only the endpoint's MAC, and gives a container without a configured MAC a new random one
// at every start (measured on 20.10: 02:42:9e:8d:fd:6d, then 02:42:52:90:c5:01 after stop/start,
// 02:42:6d:4d:e5:b9 after restart), while Config.MacAddress is reused at every start. So the
// console sets one per container at create time: locally administered, unicast, random.
import { randomBytes } from 'node:crypto';

/** First octet 0x06: locally administered (bit 1) and unicast (bit 0 clear), unlike Docker's 02:42. */
const STICKY_MAC_FIRST_OCTET = 0x06;

export function newStickyMac(): string {
  const bytes = [STICKY_MAC_FIRST_OCTET, ...randomBytes(5)];
  return bytes.map((byte) => byte.toString(16).padStart(2, '0')).join(':');
}
