import { describe, expect, it } from 'vitest';
import { escapeDnValue, escapeFilterValue, fillFilter } from './escape';

describe('escapeFilterValue (RFC 4515)', () => {
  it('escapes the characters that would change a filter', () => {
    expect(escapeFilterValue('*)(uid=*')).toBe('\\2a\\29\\28uid=\\2a');
    expect(escapeFilterValue('a\\b')).toBe('a\\5cb');
    expect(escapeFilterValue('nul\0')).toBe('nul\\00');
  });

  it('leaves plain names alone and writes other bytes as UTF-8 escapes', () => {
    expect(escapeFilterValue('dir-ada.smith_1')).toBe('dir-ada.smith_1');
    expect(escapeFilterValue('é')).toBe('\\c3\\a9');
  });
});

describe('escapeDnValue (RFC 4514)', () => {
  it('escapes the specials, a leading space or # and a trailing space', () => {
    expect(escapeDnValue('Smith, John+x=1')).toBe('Smith\\, John\\+x\\=1');
    expect(escapeDnValue('#admins ')).toBe('\\#admins\\ ');
    expect(escapeDnValue(' a"b<c>;d\\')).toBe('\\ a\\"b\\<c\\>\\;d\\\\');
    expect(escapeDnValue('plain')).toBe('plain');
  });
});

describe('fillFilter', () => {
  it('puts escaped values in the placeholders it knows', () => {
    expect(fillFilter('(&(objectClass=person)(uid={username}))', { username: '*' })).toBe('(&(objectClass=person)(uid=\\2a))');
    expect(fillFilter('(member={dn})', { dn: 'uid=a(b),ou=people' })).toBe('(member=uid=a\\28b\\29,ou=people)');
    expect(fillFilter('(x={other})', { username: 'a' })).toBe('(x={other})');
  });
});
