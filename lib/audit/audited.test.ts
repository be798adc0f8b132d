import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import type { DatabaseHandle, EventInput } from '@/prisma-free-db';
import { audited } from './audited';

// The audit writes, as the database would receive them; `failWrites` makes the database refuse them.
const audit = vi.hoisted(() => ({ events: [] as EventInput[], failWrites: false }));
vi.mock('@/prisma-free-db', () => ({
  recordEvent: async (_database: unknown, event: EventInput) => {
    if (audit.failWrites) throw new Error('database down');
    audit.events.push(event);
    return event;
  },
}));

const actor = { username: 'ada', address: '192.0.2.7', database: { dbName: 'unused' } as DatabaseHandle };

afterEach(() => {
  audit.events.length = 0;
  audit.failWrites = false;
  vi.restoreAllMocks();
});

describe('the one audit wrapper', () => {
  it('records a success with the details and what the result adds', async () => {
    const result = await audited(actor, { action: 'network.create', target: 'flat', details: { kind: 'flat' } }, async () => ({ id: 'n1' }), (network) => ({ id: network.id }));
    expect(result).toEqual({ id: 'n1' });
    expect(audit.events).toEqual([
      { actor: 'ada', action: 'network.create', target: 'flat', outcome: 'success', address: '192.0.2.7', details: { kind: 'flat', id: 'n1' } },
    ]);
  });

  it('records a failure with the reason the user was told, and throws the error on', async () => {
    const refusal = new AppError('CONFLICT', 'network flat is in use');
    await expect(audited(actor, { action: 'network.remove', target: 'flat' }, () => Promise.reject(refusal))).rejects.toBe(refusal);
    expect(audit.events).toEqual([
      { actor: 'ada', action: 'network.remove', target: 'flat', outcome: 'failure', address: '192.0.2.7', details: { reason: 'network flat is in use' } },
    ]);
  });

  it('keeps an unexpected error out of the log: its reason is "internal error"', async () => {
    await expect(audited(actor, { action: 'ipam.gc.run', target: null, details: { graceSeconds: 0 } }, () => Promise.reject(new Error('socket hang up')))).rejects.toThrow(
      'socket hang up',
    );
    expect(audit.events[0]).toMatchObject({ outcome: 'failure', target: null, details: { graceSeconds: 0, reason: 'internal error' } });
  });

  it('cuts a long target to what the log keeps', async () => {
    await audited(actor, { action: 'container.create', target: 'x'.repeat(300) }, async () => undefined);
    expect(audit.events[0]?.target).toHaveLength(256);
  });

  it('never turns a done mutation into an error when the audit write fails: it logs it', async () => {
    audit.failWrites = true;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(audited(actor, { action: 'swarm.service.remove', target: 'web' }, async () => 'removed')).resolves.toBe('removed');
    expect(logged).toHaveBeenCalledWith('audit: could not record', 'swarm.service.remove', 'database down');
  });
});
