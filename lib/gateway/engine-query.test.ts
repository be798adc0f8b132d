import { describe, expect, it } from 'vitest';
import { assertSupportedVersion } from './api-version';
import { formatEngineQuery, parseEngineQuery, queryValues } from './engine-query';

describe('the query as the engine reads it', () => {
  it("splits and decodes pairs as Go's url.ParseQuery does", () => {
    const query = parseEngineQuery('/images/create?fromImage=busybox&tag=1.0&from%53rc=http%3A%2F%2Fx&a+b=c+d&flag&fromSrc=-');
    expect(query).toEqual([['fromImage', 'busybox'], ['tag', '1.0'], ['fromSrc', 'http://x'], ['a b', 'c d'], ['flag', ''], ['fromSrc', '-']]);
    expect(queryValues(query, 'fromSrc')).toEqual(['http://x', '-']);
    expect(queryValues(query, 'fromsrc')).toEqual([]);
    expect(formatEngineQuery([['container', 'a b'], ['x', '&=']])).toBe('?container=a%20b&x=%26%3D');
    expect(formatEngineQuery([])).toBe('');
  });

  it('refuses what another Go release could read differently', () => {
    expect(() => parseEngineQuery('/x?a=1;fromSrc=http://x')).toThrow(/semicolon/);
    expect(() => parseEngineQuery('/x?fromSrc=%zz')).toThrow(/invalid %-escape/);
  });
});

describe('API versions', () => {
  it('forwards 1.24 to 1.41 and none, and refuses older, newer and malformed ones with a reason', () => {
    for (const version of [null, '1.24', '1.30', '1.41']) expect(() => assertSupportedVersion(version)).not.toThrow();
    expect(() => assertSupportedVersion('1.23')).toThrow(/below 1\.24 the engine applies old behaviour/);
    expect(() => assertSupportedVersion('1.12')).toThrow(/below 1\.24/);
    expect(() => assertSupportedVersion('1.99')).toThrow(/too new\. Maximum supported API version is 1\.41/);
    expect(() => assertSupportedVersion('2.0')).toThrow(/too new/);
  });
});
