import { describe, expect, it } from 'vitest';
import { demuxDockerLog } from './demux-log';

const frame = (stream: number, text: string) => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe('demuxDockerLog', () => {
  it('splits frames into lines of stdout and stderr, and ignores a truncated frame header', () => {
    const buffer = Buffer.concat([frame(1, 'one\ntwo\n'), frame(2, 'oops\n'), Buffer.from([1, 0, 0])]);
    expect(demuxDockerLog(buffer)).toEqual([
      { stream: 'stdout', text: 'one' },
      { stream: 'stdout', text: 'two' },
      { stream: 'stderr', text: 'oops' },
    ]);
  });
});
