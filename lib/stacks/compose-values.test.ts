import { describe, expect, it } from 'vitest';
import { interpolateString } from './compose-interpolation';
import { parseBytes, parseCpus, parseDuration, splitCommandLine } from './compose-values';
import { parseEnvFile } from './env-file';

describe('compose value syntaxes', () => {
  it('reads Go durations', () => {
    expect(parseDuration('1m30s')).toBe(90e9);
    expect(parseDuration('500ms')).toBe(5e8);
    expect(parseDuration('1.5h')).toBe(5400e9);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('10')).toBeNull();
    expect(parseDuration('10 s')).toBeNull();
  });

  it('reads sizes in binary units and CPUs in nano CPUs', () => {
    expect(parseBytes('64M')).toBe(64 * 1024 ** 2);
    expect(parseBytes('1gb')).toBe(1024 ** 3);
    expect(parseBytes('512k')).toBe(512 * 1024);
    expect(parseBytes(1000)).toBe(1000);
    expect(parseBytes('lots')).toBeNull();
    expect(parseCpus('0.25')).toBe(250_000_000);
    expect(parseCpus(2)).toBe(2e9);
    expect(parseCpus('0.0000000001')).toBeNull();
  });

  it('splits command lines as a shell, without expansion', () => {
    expect(splitCommandLine(`sh -c 'echo "a b"' "x\\"y" z\\ w`)).toEqual(['sh', '-c', 'echo "a b"', 'x"y', 'z w']);
    expect(splitCommandLine('  ')).toEqual([]);
    expect(() => splitCommandLine('echo "open')).toThrow('double quote is not closed');
  });

  it('interpolates every form of ${VAR}', () => {
    const vars = new Map([['SET', 'v'], ['EMPTY', '']]);
    expect(interpolateString('$SET ${SET} ${UNSET} $$SET', vars, 'p')).toBe('v v  $SET');
    expect(interpolateString('${EMPTY:-d} ${EMPTY-d} ${UNSET-d} ${SET:+alt} ${EMPTY+alt}', vars, 'p')).toBe('d  d alt alt');
    expect(() => interpolateString('${EMPTY:?needed}', vars, 'p')).toThrow('needed');
    expect(() => interpolateString('${bad name}', vars, 'p')).toThrow('invalid interpolation');
  });

  it('reads env files: comments, export, quotes', () => {
    expect([...parseEnvFile('# c\nexport A=1\nB="two words"\nC=\'$lit\'\nD=x # note\n\n')]).toEqual([['A', '1'], ['B', 'two words'], ['C', '$lit'], ['D', 'x']]);
    expect(() => parseEnvFile('not a line')).toThrow('line 1');
  });
});
