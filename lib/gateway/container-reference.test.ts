import { describe, expect, it } from 'vitest';
import { matchOnEngine, resolveAcrossHosts } from './container-reference';

const id = (start: string) => start.padEnd(64, '0');
const h1 = [{ id: id('abc1'), name: 'web' }, { id: id('abd2'), name: 'db' }];
const h2 = [{ id: id('abc9'), name: 'web2' }, { id: id('ff00'), name: 'abc1' }];
const h3 = [{ id: id('9999'), name: 'web' }];

describe('matchOnEngine', () => {
  it('finds a full id, a name (with or without the slash) and an id prefix, as the engine would', () => {
    expect(matchOnEngine(id('abc1'), h1)).toBe('id');
    expect(matchOnEngine('web', h1)).toBe('name');
    expect(matchOnEngine('/web', h1)).toBe('name');
    expect(matchOnEngine('abd', h1)).toBe('prefix');
    expect(matchOnEngine('zzz', h1)).toBeNull();
    expect(matchOnEngine('', h1)).toBeNull();
  });

  it('prefers a name over an id prefix on the same engine', () => {
    expect(matchOnEngine('abc1', h2)).toBe('name');
  });
});

describe('resolveAcrossHosts', () => {
  const hosts = [
    { host: 'h1', containers: h1 },
    { host: 'h2', containers: h2 },
    { host: 'h3', containers: h3 },
  ];

  it('routes a name or prefix that one host knows to that host', () => {
    expect(resolveAcrossHosts('db', hosts)).toEqual({ kind: 'one', host: 'h1' });
    expect(resolveAcrossHosts('abc9', hosts)).toEqual({ kind: 'one', host: 'h2' });
    expect(resolveAcrossHosts('9999', hosts)).toEqual({ kind: 'one', host: 'h3' });
  });

  it('lets a better kind of match win across hosts: a name on h2 over an id prefix on h1', () => {
    expect(resolveAcrossHosts('abc1', hosts)).toEqual({ kind: 'one', host: 'h2' });
    expect(resolveAcrossHosts(id('abc1'), hosts)).toEqual({ kind: 'one', host: 'h1' });
  });

  it('refuses to guess: one name on two hosts, or a prefix of ids on two hosts, is ambiguous', () => {
    expect(resolveAcrossHosts('web', hosts)).toEqual({ kind: 'ambiguous', hosts: ['h1', 'h3'] });
    expect(resolveAcrossHosts('abc', hosts)).toEqual({ kind: 'ambiguous', hosts: ['h1', 'h2'] });
  });

  it('says none when no host knows it', () => {
    expect(resolveAcrossHosts('nope', hosts)).toEqual({ kind: 'none' });
  });
});
