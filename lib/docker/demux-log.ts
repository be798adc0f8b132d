// Docker's log stream for a container without a TTY is multiplexed: each frame is an 8-byte
// header (stream: 1 stdout, 2 stderr; 3 zero bytes; payload length, big-endian) and the payload.

export interface LogLine {
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

export function demuxDockerLog(buffer: Buffer): LogLine[] {
  const lines: LogLine[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const kind = buffer[offset];
    const length = buffer.readUInt32BE(offset + 4);
    const payload = buffer.subarray(offset + 8, offset + 8 + length).toString('utf8');
    const stream = kind === 2 ? 'stderr' : 'stdout';
    for (const text of payload.split('\n')) if (text !== '') lines.push({ stream, text });
    offset += 8 + length;
  }
  return lines;
}
