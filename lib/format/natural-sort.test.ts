import { describe, expect, it } from 'vitest';
import { naturalCompare, naturallySorted } from './natural-sort';

describe('naturalCompare', () => {
  it('reads digit runs as numbers', () => {
    expect(['h10', 'h2', 'h1', 'h11', 'h3'].sort(naturalCompare)).toEqual(['h1', 'h2', 'h3', 'h10', 'h11']);
    expect(['node-10.lab', 'node-9.lab'].sort(naturalCompare)).toEqual(['node-9.lab', 'node-10.lab']);
  });

  it('ignores case but still orders names that differ only in case the same way every time', () => {
    expect(['B2', 'a10', 'a2'].sort(naturalCompare)).toEqual(['a2', 'a10', 'B2']);
    expect(naturalCompare('H1', 'h1')).not.toBe(0);
    expect(Math.sign(naturalCompare('H1', 'h1'))).toBe(-Math.sign(naturalCompare('h1', 'H1')));
  });

  it('sorts objects by a name without changing the input', () => {
    const hosts = [{ host: 'h10' }, { host: 'h2' }];
    expect(naturallySorted(hosts, (item) => item.host).map((item) => item.host)).toEqual(['h2', 'h10']);
    expect(hosts[0]?.host).toBe('h10');
  });
});
