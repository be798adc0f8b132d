import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/lib/errors/app-error';
import { parseEventQuery } from './event-query';

const parse = (query: string) => parseEventQuery(new URLSearchParams(query));

describe('parseEventQuery', () => {
  it('reads the filters, ignores blanks, and defaults the page size', () => {
    expect(parse('actor=alice&action=account.&outcome=failure&since=2030-01-01T00:00:00Z&until=&format=json')).toEqual({
      format: 'json',
      filter: { actor: 'alice', action: 'account.', outcome: 'failure', since: new Date('2030-01-01T00:00:00Z'), limit: 50 },
    });
    expect(parse('format=csv').filter.limit).toBe(10_000);
  });

  it('says what is wrong with each bad parameter', () => {
    const error = (() => {
      try {
        parse('outcome=maybe&since=yesterday&limit=0&format=xml&action=Bad Action');
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields.map((field) => field.path).sort()).toEqual(['action', 'format', 'limit', 'outcome', 'since']);
    expect(() => parse('limit=501')).toThrow('limit: at most 500');
    expect(() => parse('color=red')).toThrow(/color/);
  });
});

describe('an export', () => {
  it('may ask for up to 10,000 events', () => {
    expect(parse('export=1&limit=10000').filter.limit).toBe(10_000);
    expect(() => parse('export=1&limit=10001')).toThrow('limit: at most 10000');
  });
});
