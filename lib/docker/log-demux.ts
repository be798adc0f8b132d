// The one demuxer of Docker's log streams (container logs, followed or not, and service logs).
/**
 * Docker multiplexes a container's stdout and stderr (when it has no TTY) into frames: an
 * 8-byte header (stream type, 3 zero bytes, big-endian payload length) then the payload.
 * Frames arrive split across chunks; this keeps the partial frame until the rest comes.
 */
export interface LogFrame {
  readonly stream: 'stdout' | 'stderr';
  readonly payload: Buffer;
}

export class LogDemuxer {
  private pending: Buffer = Buffer.alloc(0);

  /** The payloads of every complete frame so far, in order. */
  push(chunk: Buffer): Buffer[] {
    return this.pushFrames(chunk).map((frame) => frame.payload);
  }

  /** Every complete frame so far with the stream it came from (type 2 is stderr). */
  pushFrames(chunk: Buffer): LogFrame[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: LogFrame[] = [];
    while (this.pending.length >= 8) {
      const length = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + length) break;
      frames.push({ stream: this.pending[0] === 2 ? 'stderr' : 'stdout', payload: this.pending.subarray(8, 8 + length) });
      this.pending = this.pending.subarray(8 + length);
    }
    return frames;
  }
}

/** A whole multiplexed log at once, as text. */
export function demuxLog(buffer: Buffer): string {
  return Buffer.concat(new LogDemuxer().push(buffer)).toString('utf8');
}

export interface LogLine {
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

/** A whole multiplexed log at once, as lines of stdout and stderr (empty lines dropped). */
export function demuxDockerLog(buffer: Buffer): LogLine[] {
  const lines: LogLine[] = [];
  for (const frame of new LogDemuxer().pushFrames(buffer)) {
    for (const text of frame.payload.toString('utf8').split('\n')) if (text !== '') lines.push({ stream: frame.stream, text });
  }
  return lines;
}
