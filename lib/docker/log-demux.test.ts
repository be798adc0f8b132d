import { describe, expect, it } from 'vitest';
import { dockerLogFrame } from '@/tests/support/docker-log-frame';
import { demuxDockerLog, demuxLog, LogDemuxer } from './log-demux';

describe('LogDemuxer', () => {
  it('joins stdout and stderr payloads in order', () => {
    expect(demuxLog(Buffer.concat([dockerLogFrame(1, 'out\n'), dockerLogFrame(2, 'err\n'), dockerLogFrame(1, 'again\n')]))).toBe('out\nerr\nagain\n');
  });

  it('keeps a frame split across chunks, even inside its header, until it is complete', () => {
    const whole = Buffer.concat([dockerLogFrame(1, 'hello '), dockerLogFrame(2, 'world\n')]);
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
    const whole = Buffer.concat([dockerLogFrame(1, 'out\n'), dockerLogFrame(2, 'err\n')]);
    const demuxer = new LogDemuxer();
    const first = demuxer.pushFrames(whole.subarray(0, 14));
    expect(first.map((item) => [item.stream, item.payload.toString()])).toEqual([['stdout', 'out\n']]);
    const second = demuxer.pushFrames(whole.subarray(14));
    expect(second.map((item) => [item.stream, item.payload.toString()])).toEqual([['stderr', 'err\n']]);
  });
});

describe('demuxDockerLog', () => {
  it('splits frames into lines of stdout and stderr, and ignores a truncated frame header', () => {
    const buffer = Buffer.concat([dockerLogFrame(1, 'one\ntwo\n'), dockerLogFrame(2, 'oops\n'), Buffer.from([1, 0, 0])]);
    expect(demuxDockerLog(buffer)).toEqual([
      { stream: 'stdout', text: 'one' },
      { stream: 'stdout', text: 'two' },
      { stream: 'stderr', text: 'oops' },
    ]);
  });
});
