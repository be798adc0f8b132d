import { describe, expect, it } from 'vitest';
import { joinCommandWords, splitCommandWords } from './command-words';

const words = (line: string) => {
  const result = splitCommandWords(line);
  if (!result.ok) throw new Error(result.problem);
  return result.words;
};

describe('splitCommandWords', () => {
  it('splits on any run of white space', () => {
    expect(words(' sh  -c   ls ')).toEqual(['sh', '-c', 'ls']);
    expect(words('')).toEqual([]);
  });

  it('keeps quoted text together, as a shell does, without expanding anything', () => {
    expect(words(`sh -c 'ls -l /tmp'`)).toEqual(['sh', '-c', 'ls -l /tmp']);
    expect(words(`echo "a  b" 'c"d' "e'f"`)).toEqual(['echo', 'a  b', 'c"d', "e'f"]);
    expect(words(`echo $HOME * ~`)).toEqual(['echo', '$HOME', '*', '~']);
    expect(words(`printf '' x`)).toEqual(['printf', '', 'x']);
    expect(words(`a'b'"c"d`)).toEqual(['abcd']);
  });

  it('reads backslashes outside quotes and the few a shell honours inside double quotes', () => {
    expect(words(String.raw`echo a\ b \'q\'`)).toEqual(['echo', 'a b', "'q'"]);
    expect(words(String.raw`echo "x\"y" "p\q" 'r\s'`)).toEqual(['echo', 'x"y', String.raw`p\q`, String.raw`r\s`]);
  });

  it('says what to fix when a quote is left open or a backslash ends the line', () => {
    expect(splitCommandWords(`sh -c 'ls`)).toEqual({ ok: false, problem: expect.stringContaining('single quote is not closed') });
    expect(splitCommandWords(`echo "x`)).toEqual({ ok: false, problem: expect.stringContaining('double quote is not closed') });
    expect(splitCommandWords('echo \\')).toEqual({ ok: false, problem: expect.stringContaining('backslash at the end') });
  });
});

describe('joinCommandWords', () => {
  it('quotes only what needs it, so the line reads back as the same words', () => {
    expect(joinCommandWords(['sleep', '600'])).toBe('sleep 600');
    expect(joinCommandWords(['sh', '-c', 'while true; do date; done'])).toBe(`sh -c 'while true; do date; done'`);
    for (const argv of [['echo', "it's", '', 'a"b', 'x\\y', '$HOME *'], ['printf', '%s\n', 'tab\there']]) {
      expect(words(joinCommandWords(argv))).toEqual(argv);
    }
  });
});
