import { describe, expect, it } from 'vitest';
import { demuxLog, LogDemuxer } from './log-demux';

function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header.writeUInt8(stream, 0);
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('LogDemuxer', () => {
  it('joins stdout and stderr payloads in order', () => {
    expect(demuxLog(Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n'), frame(1, 'again\n')]))).toBe('out\nerr\nagain\n');
  });

  it('keeps a frame split across chunks, even inside its header, until it is complete', () => {
    const whole = Buffer.concat([frame(1, 'hello '), frame(2, 'world\n')]);
    const demuxer = new LogDemuxer();
    const out: string[] = [];
    for (const cut of [3, 10, 15, whole.length]) {
      const start = [0, 3, 10, 15][[3, 10, 15, whole.length].indexOf(cut)] ?? 0;
      out.push(...demuxer.push(whole.subarray(start, cut)).map((payload) => payload.toString()));
    }
    expect(out).toEqual(['hello ', 'world\n']);
  });
});

describe('LogDemuxer.pushFrames', () => {
  it('names the stream of each frame, also when the next frame is cut inside its header', () => {
    const whole = Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n')]);
    const demuxer = new LogDemuxer();
    const first = demuxer.pushFrames(whole.subarray(0, 14));
    expect(first.map((item) => [item.stream, item.payload.toString()])).toEqual([['stdout', 'out\n']]);
    const second = demuxer.pushFrames(whole.subarray(14));
    expect(second.map((item) => [item.stream, item.payload.toString()])).toEqual([['stderr', 'err\n']]);
  });
});
