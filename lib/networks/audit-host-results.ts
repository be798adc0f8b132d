// One audit event per host of a multi-host create: who created what where, and why a host refused.
import { recordAudit } from '@/lib/audit/record-audit';
import type { DatabaseHandle } from '@/prisma-free-db';
import type { HostResult } from './flat-everywhere';

export async function auditHostResults(
  database: DatabaseHandle,
  who: { actor: string; address: string },
  network: { name: string; subnet: string },
  results: readonly HostResult[],
): Promise<void> {
  for (const result of results) {
    await recordAudit(database, {
      actor: who.actor,
      action: 'network.create',
      target: `${network.name}@${result.host}`.slice(0, 256),
      outcome: result.outcome === 'failed' ? 'failure' : 'success',
      address: who.address,
      details: { kind: 'flat', subnet: network.subnet, host: result.host, outcome: result.outcome, ...(result.outcome === 'failed' ? { error: result.message.slice(0, 1000) } : {}) },
    });
  }
}
