import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '@/prisma-free-db';
import { csvField, eventsToCsv } from './events-csv';

const event: AuditEvent = {
  id: '7f0d3c3e-2b7a-4c3e-9a59-4f5b6c7d8e9f',
  time: new Date('2030-01-02T03:04:05.000Z'),
  actor: 'alice',
  action: 'account.create',
  target: 'bob, "the builder"',
  outcome: 'success',
  address: '10.0.0.1',
  details: { role: 'viewer' },
};

describe('events as CSV', () => {
  it('has a header and one quoted, escaped row per event', () => {
    expect(eventsToCsv([event])).toBe(
      'time,actor,action,target,outcome,address,details\r\n' +
        '2030-01-02T03:04:05.000Z,alice,account.create,"bob, ""the builder""",success,10.0.0.1,"{""role"":""viewer""}"\r\n',
    );
  });

  it('defuses spreadsheet formulas typed in as usernames', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('plain')).toBe('plain');
  });
});
