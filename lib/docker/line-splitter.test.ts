import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('LineSplitter', () => {
  it('returns each complete line once, keeping a cut line for the next chunk', () => {
    const splitter = new LineSplitter();
    expect(splitter.push(bytes('{"a":1}\n{"b":'))).toEqual(['{"a":1}']);
    expect(splitter.push(bytes('2}\n'))).toEqual(['{"b":2}']);
    expect(splitter.push(bytes('{"c":3}\n{"d":4}\n{"e"'))).toEqual(['{"c":3}', '{"d":4}']);
    expect(splitter.flush()).toEqual(['{"e"']);
    expect(splitter.flush()).toEqual([]);
  });

  it('skips blank lines and strips \\r', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('one\r\n\n  \ntwo\n')).toEqual(['one', 'two']);
  });

  it('decodes a multi-byte character cut between two chunks', () => {
    const splitter = new LineSplitter();
    const whole = bytes('{"name":"café"}\n');
    const cut = whole.indexOf(0xc3) + 1; // inside the two bytes of é
    expect(splitter.push(whole.slice(0, cut))).toEqual([]);
    expect(splitter.push(whole.slice(cut))).toEqual(['{"name":"café"}']);
  });
});
