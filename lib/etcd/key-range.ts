// etcd reads and deletes ranges [key, rangeEnd): every key under a prefix is the range from the
// prefix to the first key after all keys that start with it.

/** The first key after every key that starts with `prefix` (etcd's range end for a prefix). */
export function prefixEnd(prefix: Buffer): Buffer {
  const end = Buffer.from(prefix);
  for (let index = end.length - 1; index >= 0; index--) {
    const byte = end[index] ?? 0xff;
    if (byte < 0xff) {
      end[index] = byte + 1;
      return end.subarray(0, index + 1);
    }
  }
  // Every byte 0xff (or no prefix at all): to the end of the keyspace, which etcd writes as "\0".
  return Buffer.from([0]);
}

/** etcd's range for every key under `prefix`; an empty prefix is the whole keyspace. */
export function prefixRange(prefix: string): { key: Buffer; rangeEnd: Buffer } {
  if (prefix === '') return { key: Buffer.from([0]), rangeEnd: Buffer.from([0]) };
  const key = Buffer.from(prefix);
  return { key, rangeEnd: prefixEnd(key) };
}
