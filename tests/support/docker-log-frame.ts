/** One frame of Docker's multiplexed log stream: 1 stdout or 2 stderr, 3 zero bytes, the length, the payload. */
export function dockerLogFrame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header.writeUInt8(stream, 0);
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}
